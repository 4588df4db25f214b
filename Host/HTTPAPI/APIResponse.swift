import Control

/// The gateway's answer: a status, a content type, extra headers and the body. JSON answers
/// have the control socket's envelope: `{"ok":true,"result":...}` or `{"error":"...","ok":false}`.
public struct APIResponse: Sendable, Equatable {
  public var status: Int
  public var contentType: String
  public var headers: [String: String]
  public var body: [UInt8]

  public init(
    status: Int, contentType: String, headers: [String: String] = [:], body: [UInt8]
  ) {
    self.status = status
    self.contentType = contentType
    self.headers = headers
    self.body = body
  }

  /// `{"ok":true,"result":RESULT}` with status 200.
  public static func success(_ result: JSONValue) -> APIResponse {
    json(200, .object(["ok": .bool(true), "result": result]))
  }

  /// `{"error":MESSAGE,"ok":false}` with `status`.
  public static func failure(_ status: Int, _ message: String, headers: [String: String] = [:])
    -> APIResponse
  {
    var response = json(status, .object(["ok": .bool(false), "error": .string(message)]))
    response.headers = headers
    return response
  }

  static func json(_ status: Int, _ value: JSONValue) -> APIResponse {
    APIResponse(
      status: status, contentType: "application/json",
      body: Array(value.jsonText.utf8) + [0x0A])
  }

  /// The body as JSON (nil when it is not JSON).
  public var json: JSONValue? {
    try? JSONValue(jsonText: String(decoding: body, as: UTF8.self))
  }
}
