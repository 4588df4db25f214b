import Control
import Kernel

/// A status snapshot as the control channel's JSON, and back (`tradehost status` renders the
/// host's answer with the same `StatusText` as the host's own lines).
enum StatusJSON {
  static func value(_ snapshot: StatusSnapshot) -> JSONValue {
    var object: [String: JSONValue] = [
      "state": .string(snapshot.state),
      "clock_ns": .integer(snapshot.clock),
      "events": .integer(Int64(snapshot.events)),
      "orders": .integer(Int64(snapshot.orders)),
      "fills": .integer(Int64(snapshot.fills)),
      "denials": .integer(Int64(snapshot.denials)),
      "denial_reasons": reasons(snapshot.denialReasons),
      "plugin_errors": .integer(Int64(snapshot.pluginErrors)),
      "equity": .string(snapshot.equity),
      "currency": .string(snapshot.currency),
      "account": .string(snapshot.account),
      "trading_state": .string(snapshot.tradingState),
      "last_prices": .object(snapshot.lastPrices.mapValues { .string($0) }),
      "slots": .array(
        snapshot.slots.map { slot in
          var object: [String: JSONValue] = [
            "name": .string(slot.name),
            "strategy": .string(slot.strategy),
            "version": .string(slot.version),
            "equity": .string(slot.equity),
            "realized_pnl": .string(slot.realizedPnL),
            "positions": .object(slot.positions.mapValues { .string($0) }),
            "orders": .integer(Int64(slot.orders)),
            "denials": .integer(Int64(slot.denials)),
            "denial_reasons": reasons(slot.denialReasons),
            "plugin_errors": .integer(Int64(slot.pluginErrors)),
            "trading_state": .string(slot.tradingState),
            "retired": .bool(slot.retired),
          ]
          if let why = slot.inactiveBecause { object["inactive_because"] = .string(why) }
          return .object(object)
        }),
    ]
    if let file = snapshot.denialsFile { object["denials_file"] = .string(file) }
    if let stuck = snapshot.stuckCall { object["stuck_call"] = .string(stuck) }
    if let images = snapshot.mappedImages, let bytes = snapshot.mappedImageBytes {
      object["mapped_images"] = .integer(Int64(images))
      object["mapped_image_bytes"] = .integer(Int64(bytes))
    }
    if let why = snapshot.tradingStateBecause { object["trading_state_because"] = .string(why) }
    return .object(object)
  }

  /// The snapshot a host's answer describes (missing members keep their defaults).
  static func snapshot(_ value: JSONValue) -> StatusSnapshot {
    var snapshot = StatusSnapshot()
    snapshot.state = value["state"]?.stringValue ?? "?"
    snapshot.clock = integer(value["clock_ns"])
    snapshot.events = Int(integer(value["events"]))
    snapshot.orders = Int(integer(value["orders"]))
    snapshot.fills = Int(integer(value["fills"]))
    snapshot.denials = Int(integer(value["denials"]))
    snapshot.denialReasons = reasons(value["denial_reasons"])
    snapshot.denialsFile = value["denials_file"]?.stringValue
    snapshot.stuckCall = value["stuck_call"]?.stringValue
    if case .integer(let images) = value["mapped_images"],
      case .integer(let bytes) = value["mapped_image_bytes"]
    {
      snapshot.mappedImages = Int(images)
      snapshot.mappedImageBytes = Int(bytes)
    }
    snapshot.pluginErrors = Int(integer(value["plugin_errors"]))
    snapshot.equity = value["equity"]?.stringValue ?? "?"
    snapshot.currency = value["currency"]?.stringValue ?? ""
    snapshot.account = value["account"]?.stringValue ?? ""
    snapshot.tradingState = value["trading_state"]?.stringValue ?? "?"
    snapshot.tradingStateBecause = value["trading_state_because"]?.stringValue
    snapshot.lastPrices = strings(value["last_prices"])
    for slot in array(value["slots"]) {
      var line = StatusSnapshot.SlotLine(
        name: slot["name"]?.stringValue ?? "?", strategy: slot["strategy"]?.stringValue ?? "?",
        version: slot["version"]?.stringValue ?? "", equity: slot["equity"]?.stringValue ?? "?",
        realizedPnL: slot["realized_pnl"]?.stringValue ?? "?",
        positions: strings(slot["positions"]), orders: Int(integer(slot["orders"])),
        denials: Int(integer(slot["denials"])), pluginErrors: Int(integer(slot["plugin_errors"])),
        tradingState: slot["trading_state"]?.stringValue ?? "?")
      line.denialReasons = reasons(slot["denial_reasons"])
      if case .bool(true) = slot["retired"] { line.retired = true }
      line.inactiveBecause = slot["inactive_because"]?.stringValue
      snapshot.slots.append(line)
    }
    return snapshot
  }

  private static func reasons(_ counts: [StatusSnapshot.ReasonCount]) -> JSONValue {
    .array(
      counts.map {
        .object([
          "code": .integer(Int64($0.code)), "reason": .string($0.reason),
          "count": .integer(Int64($0.count)),
        ])
      })
  }

  private static func reasons(_ value: JSONValue?) -> [StatusSnapshot.ReasonCount] {
    array(value).map {
      StatusSnapshot.ReasonCount(
        code: Int32(clamping: integer($0["code"])), reason: $0["reason"]?.stringValue ?? "?",
        count: Int(integer($0["count"])))
    }
  }

  private static func integer(_ value: JSONValue?) -> Int64 {
    if case .integer(let number) = value { return number }
    return 0
  }

  private static func array(_ value: JSONValue?) -> [JSONValue] {
    if case .array(let items) = value { return items }
    return []
  }

  private static func strings(_ value: JSONValue?) -> [String: String] {
    guard case .object(let members) = value else { return [:] }
    return members.compactMapValues(\.stringValue)
  }
}
