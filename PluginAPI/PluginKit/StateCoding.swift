/// Builds a plugin's exported state: fixed-width little-endian fields appended in order.
///
/// The format is the plugin's own; bump the plugin's `stateVersion` whenever it changes, and
/// teach `importState` to read the older versions it still accepts.
public struct StateWriter {
  /// The bytes written so far.
  public private(set) var bytes: [UInt8] = []

  public init() {}

  /// Appends an unsigned 64-bit integer.
  public mutating func write(_ value: UInt64) {
    withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
  }
  /// Appends a signed 64-bit integer.
  public mutating func write(_ value: Int64) { write(UInt64(bitPattern: value)) }
  /// Appends an `Int` as 64 bits.
  public mutating func write(_ value: Int) { write(Int64(value)) }
  /// Appends a double, bit for bit (NaN and infinities survive).
  public mutating func write(_ value: Double) { write(value.bitPattern) }
  /// Appends a bool as one byte.
  public mutating func write(_ value: Bool) { bytes.append(value ? 1 : 0) }
  /// Appends an array of doubles, length first.
  public mutating func write(_ values: [Double]) {
    write(values.count)
    for value in values { write(value) }
  }
  /// Appends raw bytes, length first: a nested state (a child indicator's or model's export),
  /// read back with `StateReader.readBytes(maxCount:)`.
  public mutating func write(bytes: [UInt8]) {
    write(bytes.count)
    self.bytes.append(contentsOf: bytes)
  }
}

/// Reads a state written by `StateWriter`, checking bounds: a short or corrupt state throws
/// `PluginError.invalidArgument` instead of reading past the end.
public struct StateReader {
  private let bytes: UnsafeRawBufferPointer
  private var offset = 0

  /// Reads from the host's buffer (valid during `importState` only).
  public init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

  /// Whether every byte was read.
  public var isAtEnd: Bool { offset == bytes.count }

  /// Reads an unsigned 64-bit integer.
  public mutating func readUInt64() throws -> UInt64 {
    guard bytes.count - offset >= 8 else {
      throw PluginError.invalidArgument("state is truncated at byte \(offset) of \(bytes.count)")
    }
    var value: UInt64 = 0
    withUnsafeMutableBytes(of: &value) { target in
      target.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + 8]))
    }
    offset += 8
    return UInt64(littleEndian: value)
  }
  /// Reads a signed 64-bit integer.
  public mutating func readInt64() throws -> Int64 { Int64(bitPattern: try readUInt64()) }
  /// Reads an `Int`.
  public mutating func readInt() throws -> Int { Int(try readInt64()) }
  /// Reads a double.
  public mutating func readDouble() throws -> Double { Double(bitPattern: try readUInt64()) }
  /// Reads a bool.
  public mutating func readBool() throws -> Bool {
    guard offset < bytes.count else {
      throw PluginError.invalidArgument("state is truncated at byte \(offset) of \(bytes.count)")
    }
    defer { offset += 1 }
    return bytes[offset] != 0
  }
  /// Reads an array of doubles written by `write(_: [Double])`, refusing absurd lengths.
  public mutating func readDoubles(maxCount: Int = 1 << 24) throws -> [Double] {
    let count = try readInt()
    guard count >= 0, count <= maxCount, count * 8 <= bytes.count - offset else {
      throw PluginError.invalidArgument("state holds an invalid array length \(count)")
    }
    return try (0..<count).map { _ in try readDouble() }
  }
  /// Reads bytes written by `write(bytes:)`, refusing a negative length, one above `maxCount`
  /// and one that runs past the end of the state.
  public mutating func readBytes(maxCount: Int = 1 << 30) throws -> [UInt8] {
    let count = try readInt()
    guard count >= 0, count <= maxCount, count <= bytes.count - offset else {
      throw PluginError.invalidArgument("state holds an invalid byte count \(count)")
    }
    defer { offset += count }
    return Array(bytes[offset..<offset + count])
  }
  /// Throws unless every byte was read (a longer state than expected is corrupt).
  public func finish() throws {
    guard isAtEnd else {
      throw PluginError.invalidArgument(
        "state has \(bytes.count - offset) unexpected trailing bytes")
    }
  }
}

/// Copies exported state into the host's buffer, or reports the needed size.
func deliverState(
  _ state: [UInt8], into buffer: UnsafeMutablePointer<UInt8>?, capacity: UInt64,
  length: UnsafeMutablePointer<UInt64>?
) -> th_status {
  length?.pointee = UInt64(state.count)
  guard let buffer, capacity >= UInt64(state.count) else {
    return th_status(TH_ERR_BUFFER_TOO_SMALL)
  }
  state.withUnsafeBufferPointer { source in
    if let base = source.baseAddress { buffer.update(from: base, count: state.count) }
  }
  return th_status(TH_OK)
}
