import TradingModel

/// What `tradehost status` shows: a copy of a running session's state, published by the kernel
/// thread after each event and read by the control thread. Plain data.
public struct StatusSnapshot: Sendable, Equatable {
  /// One slot's line.
  public struct SlotLine: Sendable, Equatable {
    public var name: String
    public var strategy: String
    public var version: String
    public var equity: String
    public var realizedPnL: String
    public var positions: [String: String]
    public var orders: Int
    public var denials: Int
    public var pluginErrors: Int
    /// The slot's trading state as the risk gate names it (`active`, `reducing`, `paused`,
    /// `halted`).
    public var tradingState: String
  }

  /// `starting`, `running`, `paused`, `stopping` or `stopped`.
  public var state: String = "starting"
  /// The session clock's time of the last event, ns.
  public var clock: Int64 = 0
  public var events = 0
  public var orders = 0
  public var fills = 0
  public var denials = 0
  public var pluginErrors = 0
  public var equity = ""
  /// The account's trading state as the risk gate names it.
  public var tradingState = "active"
  public var currency = ""
  /// Last price per instrument (`SYMBOL.VENUE` -> decimal).
  public var lastPrices: [String: String] = [:]
  public var slots: [SlotLine] = []

  public init() {}
}

extension Kernel {
  /// [kernel-thread] The kernel's state as a snapshot (allocates: call between events).
  public func snapshot(state: String) -> StatusSnapshot {
    var snapshot = StatusSnapshot()
    snapshot.state = state
    snapshot.clock = clock.now()
    snapshot.events = counters.events
    snapshot.orders = counters.orders
    snapshot.fills = counters.fills
    snapshot.denials = counters.denials
    snapshot.pluginErrors = counters.pluginErrors
    snapshot.equity = BacktestReport.decimal(portfolio.equity)
    snapshot.currency = configuration.currency.code
    snapshot.tradingState = gate.stateName(slot: nil)
    for instrument in configuration.instruments where lastPrices[Int(instrument.id)] != 0 {
      snapshot.lastPrices[instrument.qualifiedSymbol] =
        Price(raw: lastPrices[Int(instrument.id)], precision: instrument.pricePrecision).description
    }
    for slot in slots {
      var positions: [String: String] = [:]
      for instrument in configuration.instruments {
        let position = portfolio.position(slot: slot.id, instrument: instrument.id)
        if !position.isFlat {
          positions[instrument.qualifiedSymbol] = position.quantity.description
        }
      }
      let ledger = portfolio.ledger(slot.id)
      snapshot.slots.append(
        StatusSnapshot.SlotLine(
          name: slot.name, strategy: slot.strategyID, version: slot.strategyVersion,
          equity: BacktestReport.decimal(portfolio.slotEquity(slot.id)),
          realizedPnL: BacktestReport.decimal(ledger.realizedPnL), positions: positions,
          orders: slot.ordersSubmitted, denials: slot.denials, pluginErrors: slot.pluginErrors,
          tradingState: gate.stateName(slot: slot.id)))
    }
    return snapshot
  }
}
