import CTradeHostPlugin
import HostTestKit
import TradingModel

@testable import Kernel

/// A kernel with one cent-priced share (SPY.ARCA, id 0) and one `ema-cross` slot, driven by hand.
enum KernelFixture {
  static let share = try! Instrument.make(
    id: 0, symbol: "SPY", venue: "ARCA", currency: .usd, pricePrecision: 2
  ).get()

  static func kernel(
    maxOrderQuantity: Int64? = nil, clock: HistoricalClock = HistoricalClock(),
    gate: (any RiskGate)? = nil, venues: VenueRoutes? = nil
  ) throws -> Kernel {
    let configuration = KernelConfiguration(
      instruments: [share], currency: .usd,
      slots: [
        SlotSpec(
          name: "main", strategy: "ema-cross", capital: Money(raw: 100_000_00, currency: .usd))
      ],
      maxOrderQuantity: [maxOrderQuantity.map { Quantity(raw: $0, precision: 0) }])
    return try Kernel(
      configuration: configuration, registry: try TestPlugins.registry(), clock: clock,
      gate: gate, venues: venues, log: KernelLog.discard)
  }

  static func bar(_ time: Int64, close cents: Int64) -> MarketEvent {
    let price = Price(raw: cents, precision: 2)
    return .bar(
      Bar(
        instrument: 0, timestamp: time, open: price, high: price, low: price, close: price,
        volume: Quantity(raw: 100, precision: 0)))
  }

  static func intent(
    side: Int = TH_SIDE_BUY, type: Int = TH_ORDER_MARKET, quantity: Double, limit: Double = 0,
    instrument: UInt32 = 0, flags: UInt32 = 0
  ) -> th_order_intent {
    TestIntent.make(
      side: side, quantity: quantity, instrument: instrument, type: type, limit: limit,
      flags: flags)
  }

  /// Submits as the slot's strategy and returns the order events it would receive.
  static func submit(_ intent: th_order_intent, to kernel: Kernel) -> [th_order_event] {
    var id: UInt64 = 0
    let status = kernel.submit(intent, from: kernel.slots[0].strategy.context, orderID: &id)
    precondition(status == th_status(TH_OK))
    var events: [th_order_event] = []
    while let pending = kernel.pending.pop() { events.append(pending.event) }
    return events
  }
}
