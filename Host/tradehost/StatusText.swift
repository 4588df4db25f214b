import Kernel

/// Human-readable status: one line for progress, a block for the final state.
enum StatusText {
  static func line(_ snapshot: StatusSnapshot) -> String {
    let prices = snapshot.lastPrices.sorted(by: { $0.key < $1.key }).map { "\($0.key) \($0.value)" }
    return
      "[\(snapshot.state), trading \(snapshot.tradingState)] events \(snapshot.events)  orders \(snapshot.orders)  fills \(snapshot.fills)  equity \(snapshot.equity) \(snapshot.currency)  \(prices.joined(separator: "  "))"
  }

  static func render(_ snapshot: StatusSnapshot, title: String) -> String {
    var lines = ["\(title): \(line(snapshot))"]
    for slot in snapshot.slots {
      let positions =
        slot.positions.isEmpty
        ? "flat"
        : slot.positions.sorted(by: { $0.key < $1.key }).map { "\($0.key) \($0.value)" }.joined(
          separator: ", ")
      lines.append(
        "  slot \(slot.name) (\(slot.strategy) \(slot.version)) \(slot.tradingState): equity \(slot.equity), realized \(slot.realizedPnL), \(positions), \(slot.orders) orders, \(slot.denials) denied, \(slot.pluginErrors) plugin errors"
      )
    }
    return lines.joined(separator: "\n")
  }
}
