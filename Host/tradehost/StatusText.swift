import Kernel

/// Human-readable status, one renderer for the run's status line, its stop summary and
/// `tradehost status`: a denial count always comes with its reasons and the file that lists each
/// refused order, and a slot that is not active says why.
enum StatusText {
  /// One line: states, counters, denials by reason (the first three), equity, prices.
  static func line(_ snapshot: StatusSnapshot) -> String {
    let prices = snapshot.lastPrices.sorted(by: { $0.key < $1.key }).map { "\($0.key) \($0.value)" }
    let inactive = snapshot.slots.filter { $0.retired || $0.tradingState != "active" }.map {
      "; \($0.name) \($0.retired ? "retired" : $0.tradingState)"
    }
    return
      "[\(snapshot.state), trading \(snapshot.tradingState)\(inactive.joined())] events \(snapshot.events)  orders \(snapshot.orders)  fills \(snapshot.fills)  \(denials(snapshot.denials, snapshot.denialReasons, limit: 3))  equity \(snapshot.equity) \(snapshot.currency)  \(prices.joined(separator: "  "))"
  }

  /// The line, then one line per slot and where the refused orders are listed.
  static func render(_ snapshot: StatusSnapshot, title: String) -> String {
    var lines = ["\(title): \(line(snapshot))"]
    if !snapshot.account.isEmpty { lines.append("  account \(snapshot.account)") }
    if let stuck = snapshot.stuckCall {
      lines.append(
        "  STUCK: the kernel thread is in \(stuck) (past the watchdog's deadline; only a kill of the account acts until it returns)"
      )
    }
    for slot in snapshot.slots {
      let positions =
        slot.positions.isEmpty
        ? "flat"
        : slot.positions.sorted(by: { $0.key < $1.key }).map { "\($0.key) \($0.value)" }.joined(
          separator: ", ")
      let state = slot.retired ? "retired" : slot.tradingState
      let why = slot.inactiveBecause.map { " (\($0))" } ?? ""
      lines.append(
        "  slot \(slot.name) (\(slot.strategy) \(slot.version)) \(state)\(why): equity \(slot.equity), realized \(slot.realizedPnL), \(positions), \(slot.orders) orders, \(denials(slot.denials, slot.denialReasons, limit: nil)), \(slot.pluginErrors) plugin errors"
      )
    }
    if let images = snapshot.mappedImages, let bytes = snapshot.mappedImageBytes {
      lines.append(
        "  plugin images mapped: \(images) (\(bytes / 1024) KiB; never unloaded, reloads add to them)")
    }
    if snapshot.denials > 0, let file = snapshot.denialsFile {
      lines.append("  each refused order: \(file)")
    }
    return lines.joined(separator: "\n")
  }

  /// One line per slot that is not active, saying why (the start of a run: a halt latched by
  /// an earlier run is kept).
  static func inactiveSlots(_ snapshot: StatusSnapshot) -> [String] {
    var lines: [String] = []
    if snapshot.tradingState != "active" {
      lines.append(
        "the account is \(snapshot.tradingState)\(snapshot.tradingStateBecause.map { ": \($0)" } ?? ""); `tradehost resume` clears it"
      )
    }
    for slot in snapshot.slots where slot.retired || slot.tradingState != "active" {
      lines.append(
        "slot \(slot.name) is \(slot.retired ? "retired" : slot.tradingState)\(slot.inactiveBecause.map { ": \($0)" } ?? "")\(slot.retired ? "" : "; `tradehost resume --slot \(slot.name)` clears it")"
      )
    }
    return lines
  }

  /// `224 denied: 200 cooldown after the last trade, 24 the slot reached its orders per day`
  /// (the reasons' sentences up to their first colon; at most `limit`, then `+N more`).
  static func denials(_ total: Int, _ reasons: [StatusSnapshot.ReasonCount], limit: Int?)
    -> String
  {
    guard total > 0 else { return "0 denied" }
    let shown = limit.map { Array(reasons.prefix($0)) } ?? reasons
    var parts = shown.map { "\($0.count) \(short($0.reason))" }
    if shown.count < reasons.count { parts.append("+\(reasons.count - shown.count) more") }
    return parts.isEmpty ? "\(total) denied" : "\(total) denied: \(parts.joined(separator: ", "))"
  }

  /// A reason's sentence up to its first colon.
  static func short(_ reason: String) -> String {
    String(reason.prefix { $0 != ":" })
  }
}
