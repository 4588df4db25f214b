import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A minimal HTTP/1.1 client over a plain TCP socket for tests of the host's HTTP API: one
/// request per connection (`Connection: close`), every wait bounded by `timeout` (a stalled
/// server fails the request instead of hanging the test).
public struct HTTPTestClient: Sendable {
  /// One answer: the status, the headers (names lowercased) and the body.
  public struct Answer: Sendable {
    public let status: Int
    public let headers: [String: String]
    public let body: [UInt8]

    public var text: String { String(decoding: body, as: UTF8.self) }
  }

  /// What went wrong, as one sentence.
  public struct Failure: Error, CustomStringConvertible {
    public let description: String

    public init(description: String) { self.description = description }
  }

  public let host: String
  public let port: Int
  public let timeoutSeconds: Int

  public init(host: String = "127.0.0.1", port: Int, timeoutSeconds: Int = 15) {
    self.host = host
    self.port = port
    self.timeoutSeconds = timeoutSeconds
  }

  /// Sends `method path` with optional headers and body; reads the whole answer.
  public func send(
    _ method: String, _ path: String, headers: [String: String] = [:], body: [UInt8] = [],
    token: String? = nil
  ) throws -> Answer {
    var head = "\(method) \(path) HTTP/1.1\r\nHost: \(host):\(port)\r\nConnection: close\r\n"
    var fields = headers
    if let token { fields["Authorization"] = "Bearer \(token)" }
    if !body.isEmpty || method == "POST" { fields["Content-Length"] = String(body.count) }
    for (name, value) in fields.sorted(by: { $0.key < $1.key }) { head += "\(name): \(value)\r\n" }
    head += "\r\n"
    let bytes = try exchange(Array(head.utf8) + body)
    return try Self.parse(bytes)
  }

  /// Connects, writes `request`, and reads until the server closes the connection.
  public func exchange(_ request: [UInt8]) throws -> [UInt8] {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard descriptor >= 0 else { throw Failure(description: "socket: \(errno)") }
    defer { close(descriptor) }
    var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
    setsockopt(
      descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    setsockopt(
      descriptor, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    inet_pton(AF_INET, host, &address.sin_addr)
    let connected = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard connected == 0 else {
      throw Failure(description: "could not connect to \(host):\(port): \(errno)")
    }
    var sent = 0
    while sent < request.count {
      let count = request[sent...].withUnsafeBytes {
        Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
      }
      // The server may answer (413) and close before it reads everything: keep what it said.
      if count <= 0 { break }
      sent += count
    }
    var answer: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65_536)
    while true {
      let count = recv(descriptor, &chunk, chunk.count, 0)
      if count < 0 {
        if errno == EAGAIN || errno == EWOULDBLOCK {
          throw Failure(description: "no answer within \(timeoutSeconds) s")
        }
        if errno == ECONNRESET, !answer.isEmpty { break }
        throw Failure(description: "recv: \(errno)")
      }
      if count == 0 { break }
      answer += chunk[0..<count]
    }
    return answer
  }

  /// Splits a whole answer into status, headers and body (`Content-Length` or chunked).
  public static func parse(_ bytes: [UInt8]) throws -> Answer {
    let separator: [UInt8] = [13, 10, 13, 10]
    guard let end = bytes.indices.first(where: { Array(bytes[$0..<min($0 + 4, bytes.count)]) == separator })
    else { throw Failure(description: "no complete head in \(bytes.count) bytes") }
    let head = String(decoding: bytes[..<end], as: UTF8.self).components(separatedBy: "\r\n")
    let statusParts = head[0].split(separator: " ")
    guard statusParts.count >= 2, let status = Int(statusParts[1]) else {
      throw Failure(description: "bad status line '\(head[0])'")
    }
    var headers: [String: String] = [:]
    for line in head.dropFirst() {
      guard let colon = line.firstIndex(of: ":") else { continue }
      headers[line[..<colon].lowercased()] = line[line.index(after: colon)...]
        .trimmingCharacters(in: .whitespaces)
    }
    var body = Array(bytes[(end + 4)...])
    if headers["transfer-encoding"]?.lowercased() == "chunked" { body = try dechunk(body) }
    return Answer(status: status, headers: headers, body: body)
  }

  private static func dechunk(_ bytes: [UInt8]) throws -> [UInt8] {
    var body: [UInt8] = []
    var index = 0
    while index < bytes.count {
      guard let lineEnd = (index..<bytes.count - 1).first(where: { bytes[$0] == 13 && bytes[$0 + 1] == 10 })
      else { break }
      let sizeText = String(decoding: bytes[index..<lineEnd], as: UTF8.self)
      guard let size = Int(sizeText.split(separator: ";")[0], radix: 16) else {
        throw Failure(description: "bad chunk size '\(sizeText)'")
      }
      if size == 0 { break }
      let start = lineEnd + 2
      guard start + size <= bytes.count else { throw Failure(description: "a chunk is cut short") }
      body += bytes[start..<start + size]
      index = start + size + 2
    }
    return body
  }
}
