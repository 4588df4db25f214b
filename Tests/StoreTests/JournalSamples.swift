import Store
import TradingModel

/// A small journal: one instrument, two slots, orders of every type, their events and fills.
enum JournalSamples {
  static let instrument: Instrument = {
    guard
      case .success(let made) = Instrument.make(
        id: 0, symbol: "SPY", venue: "ARCA", currency: .usd, pricePrecision: 2)
    else { fatalError("the sample instrument is valid") }
    return made
  }()

  static func order(
    _ id: ClientOrderID, slot: SlotID, type: OrderType = .market, time: Int64,
    side: OrderSide = .buy
  ) -> OrderRecord {
    var order = Order(
      clientOrderID: id, slot: slot, instrument: 0, side: side,
      quantity: Quantity(raw: 3, precision: 0), type: type, timeInForce: .gtc,
      reduceOnly: false, createdAt: time)
    order.clientTag = UInt64.max - id
    return OrderRecord(order, time: time)
  }

  static func fill(_ id: ClientOrderID, slot: SlotID, time: Int64, price: Int64) -> Fill {
    Fill(
      clientOrderID: id, slot: slot, instrument: 0, side: .buy,
      quantity: Quantity(raw: 3, precision: 0), price: Price(raw: price, precision: 2),
      fee: Money(raw: -7, currency: .usd), liquidity: .taker, timestamp: time,
      tradeID: UInt64.max - 1)
  }

  static func slot(_ index: SlotID, _ name: String, time: Int64) -> JournalRecord {
    .slot(
      SlotRecord(
        time: time, slot: index, name: name, role: "production", strategyID: "ema-cross",
        version: "1.0.0", sha256: String(repeating: "ab", count: 32)))
  }

  /// Session set-up, two orders of slot 0 (a market order filled, a limit order canceled), one
  /// of slot 1 (a stop-limit order accepted), a denial, a deployment action and an audit entry.
  static let batch: [JournalRecord] = [
    .instrument(InstrumentRecord(instrument)),
    slot(0, "production", time: 100),
    slot(1, "canary", time: 100),
    .order(order(1, slot: 0, time: 1_000)),
    .orderEvent(
      OrderEventRecord(
        time: 1_000, clientOrderID: 1, slot: 0, kind: .accepted,
        leavesQuantity: Quantity(raw: 3, precision: 0))),
    .fill(fill(1, slot: 0, time: 1_500, price: 43_210)),
    .orderEvent(
      OrderEventRecord(
        time: 1_500, clientOrderID: 1, slot: 0, kind: .filled,
        leavesQuantity: Quantity(raw: 0, precision: 0))),
    .order(order(2, slot: 0, type: .limit(Price(raw: 40_000, precision: 2)), time: 2_000)),
    .orderEvent(
      OrderEventRecord(
        time: 2_500, clientOrderID: 2, slot: 0, kind: .canceled,
        leavesQuantity: Quantity(raw: 3, precision: 0))),
    .order(
      order(
        3, slot: 1,
        type: .stopLimit(
          trigger: Price(raw: 45_000, precision: 2), limit: Price(raw: 45_100, precision: 2)),
        time: 3_000, side: .sell)),
    .orderEvent(
      OrderEventRecord(
        time: 3_000, clientOrderID: 3, slot: 1, kind: .accepted,
        leavesQuantity: Quantity(raw: 3, precision: 0))),
    .orderEvent(
      OrderEventRecord(
        time: 3_100, clientOrderID: 4, slot: 1, kind: .denied,
        leavesQuantity: Quantity(raw: 0, precision: 0), reasonCode: 12)),
    .deployment(
      DeploymentRecord(time: 3_200, slot: "canary", action: "promote", detail: "by hand")),
    .audit(
      AuditEntry(
        time: 3_300, source: "operator", scope: "account", action: "state", from: "active",
        to: "paused", reason: "paused from the CLI")),
  ]
}
