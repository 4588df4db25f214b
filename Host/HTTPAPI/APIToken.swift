import Glibc

/// The bearer token every API request but `GET /health` must carry
/// (`Authorization: Bearer TOKEN`).
///
/// Where it comes from: `TRADEHOST_API_TOKEN` when set, else the file `api-token` in the state
/// folder, created on the first run with 32 random bytes in hex and mode 0600. A token file that
/// another user owns or that its group or others may read is refused, as is a token shorter than
/// `minimumLength`. The token is never logged, printed by the API or shown on the page; `make run`
/// prints it once, on the terminal of the user who owns it.
public struct APIToken: Sendable {
  /// The fewest characters a token may have.
  public static let minimumLength = 16
  /// The environment variable that overrides the file.
  public static let environmentVariable = "TRADEHOST_API_TOKEN"
  /// The token file's name in the state folder.
  public static let fileName = "api-token"

  private let bytes: [UInt8]
  /// Where the token came from, for the start line (`$TRADEHOST_API_TOKEN` or the file's path).
  public let source: String

  /// A token with the given text (tests, the environment).
  public init(_ text: String, source: String) throws(APITokenError) {
    let trimmed = text.trimmingWhitespace
    guard trimmed.utf8.count >= Self.minimumLength else {
      throw .tooShort(source: source, length: trimmed.utf8.count)
    }
    bytes = Array(trimmed.utf8)
    self.source = source
  }

  /// The token text. Only for the person who owns it (the start line of `make run`).
  public var text: String { String(decoding: bytes, as: UTF8.self) }

  /// Whether an `Authorization` header value is `Bearer <this token>`. Compares in constant time
  /// for a given header length: every byte is looked at whatever the first difference.
  public func accepts(authorization: String?) -> Bool {
    guard let authorization else { return false }
    let given = Array(authorization.utf8)
    let scheme = Array("Bearer ".utf8)
    guard given.count > scheme.count else { return false }
    var difference: UInt8 = 0
    for index in 0..<scheme.count {
      difference |= Self.lowercased(given[index]) ^ Self.lowercased(scheme[index])
    }
    let offered = given[scheme.count...]
    difference |= offered.count == bytes.count ? 0 : 1
    for index in 0..<offered.count {
      let expected = bytes.isEmpty ? 0 : bytes[index % bytes.count]
      difference |= offered[offered.startIndex + index] ^ expected
    }
    return difference == 0
  }

  private static func lowercased(_ byte: UInt8) -> UInt8 {
    (0x41...0x5A).contains(byte) ? byte | 0x20 : byte
  }

  /// The run's token: `TRADEHOST_API_TOKEN` from `environment`, else `folder/api-token`, created
  /// (0600, 64 hex digits) when missing.
  public static func resolve(environment: [String: String], folder: String) throws(APITokenError)
    -> APIToken
  {
    if let text = environment[environmentVariable] {
      return try APIToken(text, source: "$\(environmentVariable)")
    }
    let path = folder + "/" + fileName
    if let existing = try read(path) { return try APIToken(existing, source: path) }
    var generator = SystemRandomNumberGenerator()
    let digits = Array("0123456789abcdef".utf8)
    var text: [UInt8] = []
    for _ in 0..<32 {
      let byte = UInt8.random(in: 0...255, using: &generator)
      text.append(digits[Int(byte >> 4)])
      text.append(digits[Int(byte & 0x0F)])
    }
    try create(path, contents: text + [0x0A])
    return try APIToken(String(decoding: text, as: UTF8.self), source: path)
  }

  /// The file's text, nil when it does not exist; refuses one another user owns or others read.
  private static func read(_ path: String) throws(APITokenError) -> String? {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
    if descriptor < 0 {
      if errno == ENOENT { return nil }
      throw .file(path: path, problem: String(cString: strerror(errno)))
    }
    defer { close(descriptor) }
    var info = stat()
    guard fstat(descriptor, &info) == 0 else {
      throw .file(path: path, problem: String(cString: strerror(errno)))
    }
    guard info.st_uid == getuid() else {
      throw .file(path: path, problem: "it belongs to uid \(info.st_uid), not to you (uid \(getuid()))")
    }
    guard info.st_mode & 0o077 == 0 else {
      throw .file(
        path: path,
        problem: "its mode \(String(info.st_mode & 0o777, radix: 8)) lets others read it (run `chmod 600 \(path)`)")
    }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 256)
    while bytes.count <= 4096 {
      let count = Glibc.read(descriptor, &chunk, chunk.count)
      if count < 0 { throw .file(path: path, problem: String(cString: strerror(errno))) }
      if count == 0 { break }
      bytes += chunk[0..<count]
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  private static func create(_ path: String, contents: [UInt8]) throws(APITokenError) {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o600)
    guard descriptor >= 0 else {
      throw .file(path: path, problem: String(cString: strerror(errno)))
    }
    defer { close(descriptor) }
    let written = contents.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
    guard written == contents.count, fsync(descriptor) == 0 else {
      let problem = String(cString: strerror(errno))
      unlink(path)
      throw .file(path: path, problem: "could not write it: \(problem)")
    }
  }
}

extension String {
  fileprivate var trimmingWhitespace: String {
    let blank: Set<Character> = [" ", "\n", "\r", "\t"]
    var text = Substring(self)
    while let first = text.first, blank.contains(first) { text = text.dropFirst() }
    while let last = text.last, blank.contains(last) { text = text.dropLast() }
    return String(text)
  }
}
