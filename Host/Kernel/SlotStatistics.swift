import TradingModel

/// One slot's figures at the end of a run (from its sub-ledger and counters).
public struct SlotStatistics: Sendable, Equatable {
  public var name: String
  public var strategy: String
  public var version: String
  public var intents: Int
  public var orders: Int
  public var denials: Int
  public var fills: Int
  public var roundTrips: Int
  public var winningRoundTrips: Int
  public var realizedPnL: Money
  public var fees: Money
  public var equity: Money
  public var pluginErrors: Int

  /// The figures of every slot of `kernel`, in slot order.
  public static func all(of kernel: Kernel) -> [SlotStatistics] {
    kernel.slots.map { slot in
      let ledger = kernel.portfolio.ledger(slot.id)
      return SlotStatistics(
        name: slot.name, strategy: slot.strategyID, version: slot.strategyVersion,
        intents: slot.intents, orders: slot.ordersSubmitted, denials: slot.denials,
        fills: ledger.fills, roundTrips: ledger.roundTrips,
        winningRoundTrips: ledger.winningRoundTrips, realizedPnL: ledger.realizedPnL,
        fees: ledger.fees, equity: kernel.portfolio.slotEquity(slot.id),
        pluginErrors: slot.pluginErrors)
    }
  }
}
