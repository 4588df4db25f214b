import Control
import Kernel
import PluginHost
import Risk
import Store
import TradingModel

/// The read-only control commands behind the HTTP API's GET endpoints (and the control socket):
/// `plugins`, `positions`, `orders`, `fills`, `risk`, `audit` and `denials`. Each reads a copy
/// (the status board, the risk state store, the audit trail's ring) and never the kernel, so it
/// answers in microseconds whatever the kernel is doing. Nothing here shows a token, a key or a
/// store password.
enum HostReadHandlers {
  /// What the read handlers read.
  struct Sources: Sendable {
    let board: StatusBoard
    let riskStates: RiskStateStore
    let audit: AuditTrail
    let risk: StallGuard
    /// The plugins found at start (`plugins`), as JSON.
    let plugins: JSONValue
    /// Slot names and instrument symbols by id.
    let slots: [String]
    let instruments: [String]
  }

  /// The most records `limit` may ask for.
  static let maximumLimit = 1000

  static func register(into handlers: inout ControlHandlers, sources: Sources) {
    handlers.register("plugins") { _ in .success(sources.plugins) }
    handlers.register("positions") { _ in .success(positions(sources.board.read())) }
    handlers.register("orders") { request in
      limited(request, default: 50) { limit in
        orders(sources.board.read(), sources: sources, limit: limit)
      }
    }
    handlers.register("fills") { request in
      limited(request, default: 50) { limit in
        fills(sources.board.read(), sources: sources, limit: limit)
      }
    }
    handlers.register("risk") { _ in
      .success(risk(sources.riskStates.latest, board: sources.board.read(), stuck: sources.risk.stuckCall))
    }
    handlers.register("audit") { request in
      limited(request, default: 100) { limit in
        audit(sources.audit, limit: limit)
      }
    }
    handlers.register("denials") { _ in .success(denials(sources.board.read())) }
  }

  /// Runs `body` with the request's `limit` (1...maximumLimit, `fallback` when absent).
  private static func limited(
    _ request: ControlRequest, default fallback: Int, _ body: (Int) -> JSONValue
  ) -> ControlResponse {
    guard let text = request.arguments["limit"] else { return .success(body(fallback)) }
    guard let limit = Int(text), (1...maximumLimit).contains(limit) else {
      return .failure("limit must be a whole number from 1 to \(maximumLimit), not '\(text)'")
    }
    return .success(body(limit))
  }

  static func positions(_ snapshot: StatusSnapshot) -> JSONValue {
    var rows: [JSONValue] = []
    for slot in snapshot.slots {
      for (instrument, quantity) in slot.positions.sorted(by: { $0.key < $1.key }) {
        var row: [String: JSONValue] = [
          "slot": .string(slot.name), "instrument": .string(instrument),
          "quantity": .string(quantity),
        ]
        if let price = snapshot.lastPrices[instrument] { row["last_price"] = .string(price) }
        rows.append(.object(row))
      }
    }
    return .object(["positions": .array(rows), "currency": .string(snapshot.currency)])
  }

  static func orders(_ snapshot: StatusSnapshot, sources: Sources, limit: Int) -> JSONValue {
    let rows = snapshot.recentOrders.suffix(limit).reversed().map { line -> JSONValue in
      let order = line.order
      var row: [String: JSONValue] = [
        "client_order_id": .integer(Int64(order.clientOrderID)),
        "slot": .string(name(Int(order.slot), in: sources.slots)),
        "instrument": .string(name(Int(order.instrument), in: sources.instruments)),
        "side": .string(order.side.description), "quantity": .string(order.quantity.description),
        "type": .string(typeName(order.type)), "time_ns": .integer(order.time),
        "state": .string(line.latest.map { "\($0.kind)" } ?? "submitted"),
      ]
      if let price = order.type.limitPrice { row["limit_price"] = .string(price.description) }
      if let latest = line.latest {
        row["leaves_quantity"] = .string(latest.leavesQuantity.description)
        row["updated_ns"] = .integer(latest.time)
      }
      return .object(row)
    }
    return .object(["orders": .array(rows)])
  }

  static func fills(_ snapshot: StatusSnapshot, sources: Sources, limit: Int) -> JSONValue {
    let rows = snapshot.recentFills.suffix(limit).reversed().map { fill -> JSONValue in
      .object([
        "client_order_id": .integer(Int64(fill.clientOrderID)),
        "slot": .string(name(Int(fill.slot), in: sources.slots)),
        "instrument": .string(name(Int(fill.instrument), in: sources.instruments)),
        "side": .string(fill.side.description), "quantity": .string(fill.quantity.description),
        "price": .string(fill.price.description), "fee": .string(fill.fee.description),
        "liquidity": .string("\(fill.liquidity)"), "time_ns": .integer(fill.timestamp),
      ])
    }
    return .object(["fills": .array(rows)])
  }

  /// Every level's trading state, and for each one that is not active: the limit or person that
  /// moved it, since when, and the one command that clears it.
  static func risk(_ latest: RiskStateSnapshot, board: StatusSnapshot, stuck: String?) -> JSONValue {
    func level(_ entry: RiskStateSnapshot.Entry?, state: String, scope: [String: String])
      -> JSONValue
    {
      var object: [String: JSONValue] = ["state": .string(entry?.state ?? state)]
      guard let entry, entry.state != "active" else { return .object(object) }
      object["reason"] = entry.reason.map { .string($0) } ?? .null
      object["source"] = entry.source.map { .string($0) } ?? .null
      object["since_ns"] = .integer(entry.since)
      object["clears"] = clearing("resume", scope)
      return .object(object)
    }
    var slots: [String: JSONValue] = [:]
    for slot in board.slots {
      slots[slot.name] = level(
        latest.slots[slot.name], state: slot.tradingState, scope: ["slot": slot.name])
    }
    var instruments: [String: JSONValue] = [:]
    for (symbol, entry) in latest.instruments {
      instruments[symbol] = level(entry, state: entry.state, scope: ["instrument": symbol])
    }
    var object: [String: JSONValue] = [
      "account": level(latest.account, state: board.tradingState, scope: [:]),
      "slots": .object(slots), "instruments": .object(instruments),
      "deployments_frozen": .bool(latest.deploymentsFrozen),
    ]
    if latest.deploymentsFrozen {
      object["freeze_reason"] = latest.freezeReason.map { .string($0) } ?? .null
      object["freeze_clears"] = clearing("unfreeze", [:])
    }
    if let stuck { object["stuck_call"] = .string(stuck) }
    return .object(object)
  }

  /// The one command that clears a state, for the API and for the CLI.
  private static func clearing(_ action: String, _ scope: [String: String]) -> JSONValue {
    let body = scope.isEmpty ? "" : " " + JSONValue.object(scope.mapValues { .string($0) }).jsonText
    let flags = scope.sorted { $0.key < $1.key }.map { " --\($0.key) \($0.value)" }.joined()
    return .object([
      "http": .string("POST /\(action)\(body)"), "cli": .string("tradehost \(action)\(flags)"),
    ])
  }

  static func audit(_ trail: AuditTrail, limit: Int) -> JSONValue {
    let rows = trail.records.suffix(limit).reversed().map { record -> JSONValue in
      var row: [String: JSONValue] = [
        "time_ns": .integer(record.time), "source": .string(record.source.rawValue),
        "action": .string(record.action), "scope": .string(record.scope),
        "reason": .string(record.reason),
        "values": .object(
          Dictionary(record.values.map { ($0.name, JSONValue.string($0.value)) }) { _, last in last }),
      ]
      if let from = record.from { row["from"] = .string(from) }
      if let to = record.to { row["to"] = .string(to) }
      return .object(row)
    }
    var object: [String: JSONValue] = [
      "records": .array(rows), "dropped": .integer(Int64(trail.droppedRecords)),
    ]
    if let path = trail.path { object["file"] = .string(path) }
    if let error = trail.writeError { object["write_error"] = .string(error) }
    return .object(object)
  }

  static func denials(_ snapshot: StatusSnapshot) -> JSONValue {
    func reasons(_ counts: [StatusSnapshot.ReasonCount]) -> JSONValue {
      .array(
        counts.map {
          .object([
            "code": .integer(Int64($0.code)), "reason": .string($0.reason),
            "count": .integer(Int64($0.count)),
          ])
        })
    }
    var slots: [String: JSONValue] = [:]
    for slot in snapshot.slots {
      slots[slot.name] = .object([
        "total": .integer(Int64(slot.denials)), "by_reason": reasons(slot.denialReasons),
      ])
    }
    var object: [String: JSONValue] = [
      "total": .integer(Int64(snapshot.denials)), "by_reason": reasons(snapshot.denialReasons),
      "slots": .object(slots),
    ]
    if let file = snapshot.denialsFile { object["file"] = .string(file) }
    return .object(object)
  }

  /// The plugins a registry found, for `plugins`: each one's id, kind, version and library
  /// checksum, or why it did not load.
  static func plugins(_ registry: PluginRegistry) -> JSONValue {
    let loaded = registry.plugins.map { plugin -> JSONValue in
      var object: [String: JSONValue] = [
        "id": .string(plugin.id), "kind": .string("\(plugin.kind)"),
        "version": .string("\(plugin.manifest.version)"),
        "library": .string(plugin.manifest.library),
        "manifest": .string(plugin.manifest.file),
      ]
      if let digest = plugin.manifest.sha256 { object["sha256"] = .string(digest) }
      return .object(object)
    }
    let failed = registry.errors.map { JSONValue.string($0.description) }
    return .object(["plugins": .array(loaded), "errors": .array(failed)])
  }

  private static func name(_ index: Int, in names: [String]) -> String {
    index >= 0 && index < names.count ? names[index] : "#\(index)"
  }

  private static func typeName(_ type: OrderType) -> String {
    switch type {
    case .market: "market"
    case .limit: "limit"
    case .stop: "stop"
    case .stopLimit: "stop_limit"
    }
  }
}
