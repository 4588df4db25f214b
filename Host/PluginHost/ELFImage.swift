/// Checks that a file is a complete ELF shared object for this machine, and reads what the loader
/// needs before it lets `dlopen` run the file's code: its `DT_NEEDED` libraries (a library that
/// needs `libswiftCore.so` was built with Swift and must match the host's toolchain).
///
/// Pure and bounds-checked: any byte sequence gives either an `ELFImage` or a
/// `PluginLoadError.Cause`, never a crash. Call it from any thread.
public struct ELFImage: Sendable, Equatable {
  /// Sonames of the libraries the image needs, in order.
  public let neededLibraries: [String]

  /// Whether the image links the Swift runtime.
  public var isSwift: Bool { neededLibraries.contains { $0.hasPrefix("libswiftCore.so") } }

  /// Parses `bytes`.
  public static func inspect(_ bytes: [UInt8]) -> Result<ELFImage, PluginLoadError.Cause> {
    let reader = ByteReader(bytes)
    guard bytes.count >= 4, bytes[0] == 0x7F, bytes[1] == 0x45, bytes[2] == 0x4C, bytes[3] == 0x46
    else {
      return .failure(.notELF("the file does not start with the ELF magic number"))
    }
    guard bytes.count >= 64 else {
      return .failure(.truncated("\(bytes.count) bytes is shorter than an ELF header"))
    }
    guard bytes[4] == 2 else {
      return .failure(.wrongArchitecture("a 32-bit ELF file; this host is 64-bit"))
    }
    guard bytes[5] == 1 else {
      return .failure(.wrongArchitecture("a big-endian ELF file; this host is little-endian"))
    }
    let type = reader.u16(16)
    let machine = reader.u16(18)
    guard type == 3 else {
      return .failure(.notELF("ELF type \(type ?? 0) is not a shared object (ET_DYN)"))
    }
    guard machine == hostMachine else {
      return .failure(
        .wrongArchitecture("ELF machine \(machine ?? 0), this host needs \(hostMachine)"))
    }
    guard let programOffset = reader.u64(32), let sectionOffset = reader.u64(40),
      let programEntrySize = reader.u16(54), let programCount = reader.u16(56),
      let sectionEntrySize = reader.u16(58), let sectionCount = reader.u16(60)
    else { return .failure(.truncated("the ELF header is incomplete")) }
    let size = UInt64(bytes.count)
    let programEnd = programOffset &+ UInt64(programEntrySize) &* UInt64(programCount)
    guard programEntrySize >= 56, programCount > 0, programEnd <= size, programEnd >= programOffset
    else {
      return .failure(.truncated("the program header table ends past the file's \(size) bytes"))
    }
    if sectionOffset != 0 {
      let sectionEnd = sectionOffset &+ UInt64(sectionEntrySize) &* UInt64(sectionCount)
      guard sectionEnd <= size, sectionEnd >= sectionOffset else {
        return .failure(
          .truncated("the section header table ends at byte \(sectionEnd), past the file's \(size)")
        )
      }
    }
    var loads: [(offset: UInt64, address: UInt64, fileSize: UInt64)] = []
    var dynamic: (offset: UInt64, size: UInt64)?
    for index in 0..<Int(programCount) {
      let base = Int(programOffset) + index * Int(programEntrySize)
      guard let kind = reader.u32(base), let offset = reader.u64(base + 8),
        let address = reader.u64(base + 16), let fileSize = reader.u64(base + 32)
      else { return .failure(.truncated("program header \(index) is incomplete")) }
      let end = offset &+ fileSize
      if kind == 1 || kind == 2 {
        guard end <= size, end >= offset else {
          return .failure(
            .truncated("segment \(index) ends at byte \(end), past the file's \(size) bytes"))
        }
      }
      if kind == 1 { loads.append((offset, address, fileSize)) }
      if kind == 2 { dynamic = (offset, fileSize) }
    }
    guard let dynamic else { return .failure(.notELF("no dynamic segment (not a shared library)")) }
    var needed: [UInt64] = []
    var stringTable: UInt64?
    var entry = Int(dynamic.offset)
    let end = Int(dynamic.offset + dynamic.size)
    while entry + 16 <= end, let tag = reader.u64(entry), tag != 0 {
      let value = reader.u64(entry + 8) ?? 0
      if tag == 1 { needed.append(value) }
      if tag == 5 { stringTable = value }
      entry += 16
    }
    guard let stringAddress = stringTable,
      let segment = loads.first(where: {
        stringAddress >= $0.address && stringAddress < $0.address + $0.fileSize
      })
    else {
      return needed.isEmpty
        ? .success(ELFImage(neededLibraries: []))
        : .failure(.notELF("the dynamic string table lies outside every loaded segment"))
    }
    let stringOffset = stringAddress - segment.address + segment.offset
    var names: [String] = []
    for offset in needed {
      guard let name = reader.cString(Int(stringOffset &+ offset)) else {
        return .failure(.truncated("a needed-library name lies past the end of the file"))
      }
      names.append(name)
    }
    return .success(ELFImage(neededLibraries: names))
  }

  #if arch(x86_64)
    static let hostMachine: UInt16 = 62
  #elseif arch(arm64)
    static let hostMachine: UInt16 = 183
  #else
    static let hostMachine: UInt16 = 0
  #endif
}

/// Little-endian reads that return nil instead of reading out of bounds.
private struct ByteReader {
  let bytes: [UInt8]
  init(_ bytes: [UInt8]) { self.bytes = bytes }

  func u16(_ at: Int) -> UInt16? { value(at, 2).map { UInt16($0) } }
  func u32(_ at: Int) -> UInt32? { value(at, 4).map { UInt32($0) } }
  func u64(_ at: Int) -> UInt64? { value(at, 8) }

  private func value(_ at: Int, _ width: Int) -> UInt64? {
    guard at >= 0, at <= bytes.count - width else { return nil }
    var result: UInt64 = 0
    for index in (0..<width).reversed() { result = result << 8 | UInt64(bytes[at + index]) }
    return result
  }

  func cString(_ at: Int) -> String? {
    guard at >= 0, at < bytes.count else { return nil }
    guard let end = bytes[at...].firstIndex(of: 0) else { return nil }
    return String(decoding: bytes[at..<end], as: UTF8.self)
  }
}
