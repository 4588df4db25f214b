import COpenSSL

/// SHA-256 through OpenSSL's libcrypto (`SHA256`), for cache checksums and source digests.
/// Pure; any thread.
enum SHA256Digest {
  /// The 32-byte digest of `bytes`.
  static func of(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
    var digest = [UInt8](repeating: 0, count: 32)
    digest.withUnsafeMutableBufferPointer { output in
      _ = SHA256(
        bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), bytes.count, output.baseAddress)
    }
    return digest
  }

  /// The 32-byte digest of `bytes`.
  static func of(_ bytes: [UInt8]) -> [UInt8] {
    bytes.withUnsafeBytes { of($0) }
  }

  /// Lower-case hex of `digest`.
  static func hex(_ digest: [UInt8]) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var text: [UInt8] = []
    text.reserveCapacity(digest.count * 2)
    for byte in digest {
      text.append(digits[Int(byte >> 4)])
      text.append(digits[Int(byte & 0x0F)])
    }
    return String(decoding: text, as: UTF8.self)
  }
}
