/// Writing text into the fixed `char name[N]` fields of the ABI's structs (imported as tuples).
public enum CCharArray {
  /// Copies `text` into `field`, truncated to fit, always NUL-terminated (the rest zeroed).
  /// Truncation may cut a multi-byte UTF-8 character; readers treat the field as bytes.
  public static func write<Field>(_ text: String, into field: inout Field) {
    withUnsafeMutableBytes(of: &field) { buffer in
      guard buffer.count > 0 else { return }
      buffer.initializeMemory(as: UInt8.self, repeating: 0)
      for (index, byte) in text.utf8.prefix(buffer.count - 1).enumerated() {
        buffer[index] = byte
      }
    }
  }
}

extension StaticString {
  /// The text as the ABI's `const char *` (static storage, NUL-terminated, never freed).
  @inline(__always)
  public var cString: UnsafePointer<CChar> {
    UnsafeRawPointer(utf8Start).assumingMemoryBound(to: CChar.self)
  }
}
