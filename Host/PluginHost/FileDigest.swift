import COpenSSL

/// SHA-256 digests through OpenSSL's libcrypto. Pure; safe from any thread.
public enum FileDigest {
  /// The lowercase hex SHA-256 of `bytes`.
  public static func sha256Hex(_ bytes: [UInt8]) -> String {
    var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
    var length: UInt32 = 0
    let ok = bytes.withUnsafeBufferPointer { input in
      EVP_Digest(input.baseAddress, input.count, &digest, &length, EVP_sha256(), nil)
    }
    precondition(ok == 1 && length == 32, "OpenSSL SHA-256 failed")
    let hex: [Character] = Array("0123456789abcdef")
    var text = ""
    text.reserveCapacity(64)
    for byte in digest.prefix(Int(length)) {
      text.append(hex[Int(byte >> 4)])
      text.append(hex[Int(byte & 0x0F)])
    }
    return text
  }
}
