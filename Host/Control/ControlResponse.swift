/// The host's answer to one `ControlRequest`.
///
/// On the wire: one line of JSON, `{"ok":true,"result":{...}}` or
/// `{"error":"one clear sentence","ok":false}` (keys sorted). Make one with `.success(_:)` or
/// `.failure(_:)`, which keep the fields consistent: `ok` is true exactly when `error` is nil,
/// and `result` is `.null` in a failure. A pure value: any thread may create and read it.
public struct ControlResponse: Sendable, Equatable {
  /// Whether the command was carried out.
  public let ok: Bool
  /// What the command returned (by convention an object); `.null` in a failure.
  public let result: JSONValue
  /// Why the command failed, as one sentence; nil on success.
  public let error: String?

  private init(ok: Bool, result: JSONValue, error: String?) {
    self.ok = ok
    self.result = result
    self.error = error
  }

  /// A successful answer carrying `result` (an empty object by default).
  public static func success(_ result: JSONValue = .object([:])) -> ControlResponse {
    ControlResponse(ok: true, result: result, error: nil)
  }

  /// A refusal or failure, explained by `message`: one sentence, no trailing period needed.
  public static func failure(_ message: String) -> ControlResponse {
    ControlResponse(ok: false, result: .null, error: message)
  }
}
