#if canImport(Glibc)
  import Glibc
#endif

/// The plugin images mapped into this process: every library is loaded from a sealed memory
/// file, so its mappings in `/proc/self/maps` are named `/memfd:tradehost:<id>-<version>
/// (deleted)`. Images are never unloaded (a Swift image cannot be), so this is what reloads
/// cost for good; `tradehost status` reports it. Counted by the memory file's inode: every
/// staging of one library has the same name, only the inode tells two images apart.
public struct MappedImages: Sendable, Equatable {
  /// Distinct images.
  public var images: Int
  /// Bytes mapped for them (every mapping: code, data, read-only).
  public var bytes: Int

  public init(images: Int, bytes: Int) {
    self.images = images
    self.bytes = bytes
  }

  /// The mapping name prefix of a staged image.
  public static let prefix = "/memfd:tradehost:"

  /// Bytes mapped per staged image (by inode) in `maps` (the text of a `/proc/PID/maps`); only
  /// images of plugin `id` when given ("ema" is not "ema-cross": the version after the dash
  /// starts with a digit).
  public static func byInode(_ maps: String, plugin id: String? = nil) -> [String: Int] {
    var byInode: [String: Int] = [:]
    for line in maps.split(separator: "\n") {
      let fields = line.split(separator: " ", omittingEmptySubsequences: true)
      guard fields.count >= 6, fields[5].hasPrefix(prefix) else { continue }
      if let id {
        let rest = fields[5].dropFirst(prefix.count)
        guard rest.hasPrefix(id + "-"), rest.dropFirst(id.count + 1).first?.isNumber == true
        else { continue }
      }
      let range = fields[0].split(separator: "-").compactMap { Int($0, radix: 16) }
      guard range.count == 2 else { continue }
      byInode[String(fields[4]), default: 0] += range[1] - range[0]
    }
    return byInode
  }

  /// The images in `maps`.
  public static func measure(_ maps: String) -> MappedImages {
    let images = byInode(maps)
    return MappedImages(images: images.count, bytes: images.values.reduce(0, +))
  }

  /// The images mapped now (`nil` when `/proc/self/maps` cannot be read).
  public static func current() -> MappedImages? {
    readProcFile("/proc/self/maps").map(measure)
  }

  /// A /proc file's whole text, read in chunks to its end (procfs files report size 0).
  public static func readProcFile(_ path: String) -> String? {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65_536)
    while true {
      let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, $0.count) }
      if count < 0 {
        if errno == EINTR { continue }
        return nil
      }
      if count == 0 { break }
      bytes += chunk[0..<count]
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}
