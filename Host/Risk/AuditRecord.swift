import Kernel
import MarketData

/// One entry of the audit log: a trading-state change, a breaker transition, a kill, an
/// operator's action or a host exit, with the numbers that decided it. Plain data.
public struct AuditRecord: Sendable, Equatable {
  /// One named number (or word) that decided the action, as text.
  public struct Value: Sendable, Equatable {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
      self.name = name
      self.value = value
    }
  }

  /// The kernel clock's time, ns.
  public var time: Int64
  public var source: AuditSource
  /// What happened: `state`, `kill`, `freeze`, `unfreeze`, `breaker`, `exit`, `restore`.
  public var action: String
  /// `account`, `slot NAME`, `instrument SYMBOL.VENUE` or `venue NAME`.
  public var scope: String
  /// The state before and after (states and breakers), if the action changed one.
  public var from: String?
  public var to: String?
  /// One sentence.
  public var reason: String
  public var values: [Value]

  public init(
    time: Int64, source: AuditSource, action: String, scope: String, from: String? = nil,
    to: String? = nil, reason: String, values: [Value] = []
  ) {
    self.time = time
    self.source = source
    self.action = action
    self.scope = scope
    self.from = from
    self.to = to
    self.reason = reason
    self.values = values
  }

  /// The record as one line of JSON (the audit file's format), keys in a fixed order.
  public var jsonLine: String {
    var json = JSONText()
    json.beginObject()
    json.string("time", TimestampText.iso8601(time))
    json.int("time_ns", Int(time))
    json.string("source", source.rawValue)
    json.string("action", action)
    json.string("scope", scope)
    if let from { json.string("from", from) }
    if let to { json.string("to", to) }
    json.string("reason", reason)
    json.beginObject("values")
    for value in values { json.string(value.name, value.value) }
    json.endObject()
    json.endObject()
    return json.text
  }
}
