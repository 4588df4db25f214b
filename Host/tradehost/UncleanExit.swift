import Store
import TradingModel

/// What a session that ended without its stop marker left behind, as its journal tells it: the
/// orders with no final event (open when the host died) and the positions its fills add up to.
/// The next run says so at its start, then resumes that session or says why it cannot
/// (`RunStore`, docs/persistence.md).
enum UncleanExit {
  /// Events after which an order is done.
  static let final: Set<OrderEventKind> = [.filled, .canceled, .expired, .rejected, .denied]

  /// One line per finding, then what the new session does about them.
  static func findings(_ history: History) -> [String] {
    var lines: [String] = []
    let open = history.orders.filter { !final.contains($0.lastEvent) }
    if !open.isEmpty {
      let listed = open.prefix(5).map {
        "#\($0.session).\($0.order.clientOrderID) \($0.slotName) \($0.order.side) \($0.order.quantity) \($0.instrument) (\($0.lastEvent))"
      }
      let more = open.count > 5 ? ", and \(open.count - 5) more" : ""
      lines.append(
        "  \(open.count) order(s) had no final event: \(listed.joined(separator: ", "))\(more)")
    }
    var positions: [String: (raw: Int64, precision: UInt8)] = [:]
    var keys: [String] = []
    for row in history.fills {
      let key = "\(row.slotName) \(row.instrument)"
      if positions[key] == nil { keys.append(key) }
      let signed = row.fill.side == .buy ? row.fill.quantity.raw : -row.fill.quantity.raw
      positions[key, default: (0, row.fill.quantity.precision)].raw += signed
    }
    let held = keys.compactMap { key -> String? in
      guard let position = positions[key], position.raw != 0 else { return nil }
      let size = FixedPoint.format(abs(position.raw), precision: position.precision)
      let parts = key.split(separator: " ", maxSplits: 1)
      return "\(parts[0]) \(position.raw > 0 ? "long" : "short") \(size) \(parts.count > 1 ? parts[1] : "")"
    }
    lines.append(
      held.isEmpty
        ? "  its \(history.fills.count) journaled fill(s) left every slot flat"
        : "  its \(history.fills.count) journaled fill(s) left: \(held.joined(separator: ", "))")
    return lines
  }
}
