/// Where the HTTP API listens: `--http HOST:PORT` (`127.0.0.1:8710` by default, `[::1]:8710`
/// for IPv6, port 0 for any free port), or `none` for no API.
public struct HTTPAddress: Sendable, Equatable, CustomStringConvertible {
  /// The default: loopback only.
  public static let defaultText = "127.0.0.1:8710"

  public let host: String
  public let port: Int

  public init(host: String, port: Int) {
    self.host = host
    self.port = port
  }

  /// Reads `HOST:PORT`; nil for `none`; throws a sentence naming the problem.
  public static func parse(_ text: String) throws(HTTPAddressError) -> HTTPAddress? {
    if text == "none" { return nil }
    let host: Substring
    let portText: Substring
    if text.hasPrefix("[") {
      guard let close = text.firstIndex(of: "]"), text[text.index(after: close)...].hasPrefix(":")
      else { throw HTTPAddressError(text) }
      host = text[text.index(after: text.startIndex)..<close]
      portText = text[text.index(close, offsetBy: 2)...]
    } else {
      guard let colon = text.lastIndex(of: ":") else { throw HTTPAddressError(text) }
      host = text[..<colon]
      portText = text[text.index(after: colon)...]
    }
    guard !host.isEmpty, !host.contains(" "), let port = Int(portText), (0...65535).contains(port)
    else { throw HTTPAddressError(text) }
    return HTTPAddress(host: String(host), port: port)
  }

  /// Whether the address is a loopback one (127.0.0.0/8, ::1, localhost).
  public var isLoopback: Bool {
    host == "localhost" || host == "::1" || host.hasPrefix("127.")
  }

  /// `HOST:PORT`, with brackets around an IPv6 host.
  public var description: String {
    host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
  }
}

/// `--http` was given something that is not `HOST:PORT` or `none`.
public struct HTTPAddressError: Error, Sendable, Equatable, CustomStringConvertible {
  public let text: String

  public init(_ text: String) { self.text = text }

  public var description: String {
    "--http needs HOST:PORT (e.g. \(HTTPAddress.defaultText), [::1]:8710, port 0 for any free port) or none, not '\(text)'"
  }
}
