/// One HTTP request as the gateway sees it: plain values, no server types, so the whole API
/// (auth, limits, routing, arguments) is tested without a socket.
public struct APIRequest: Sendable {
  /// `GET`, `POST`, ...
  public var method: String
  /// The path without its query, e.g. `/reload/ema-cross`.
  public var path: String
  /// The raw query after `?` (percent-encoded), or empty.
  public var query: String
  /// The `Authorization` header's value.
  public var authorization: String?
  /// The body (at most the server's size limit; a longer one never gets here).
  public var body: [UInt8]

  public init(
    method: String, path: String, query: String = "", authorization: String? = nil,
    body: [UInt8] = []
  ) {
    self.method = method
    self.path = path
    self.query = query
    self.authorization = authorization
    self.body = body
  }
}
