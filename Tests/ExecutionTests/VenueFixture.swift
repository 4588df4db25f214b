import Execution
import HostTestKit
import TradingModel

/// Builders for venue tests: one cent-priced share instrument, bars and orders.
enum VenueFixture {
  static let share = try! Instrument.make(
    id: 0, symbol: "SPY", venue: "ARCA", currency: .usd, pricePrecision: 2
  ).get()

  static let day: Int64 = 86_400_000_000_000

  static func price(_ cents: Int64) -> Price { Price(raw: cents, precision: 2) }

  static func bar(
    _ time: Int64, _ open: Int64, _ high: Int64, _ low: Int64, _ close: Int64,
    volume: Int64 = 100
  ) -> MarketEvent {
    .bar(
      Bar(
        instrument: 0, timestamp: time, open: price(open), high: price(high), low: price(low),
        close: price(close), volume: Quantity(raw: volume, precision: 0)))
  }

  static func quote(_ time: Int64, bid: Int64, ask: Int64, bidSize: Int64, askSize: Int64)
    -> MarketEvent
  {
    .quote(
      Quote(
        instrument: 0, timestamp: time, bid: price(bid), ask: price(ask),
        bidSize: Quantity(raw: bidSize, precision: 0), askSize: Quantity(raw: askSize, precision: 0)))
  }

  static func trade(
    _ time: Int64, _ cents: Int64, size: Int64, aggressor: Trade.Aggressor = .unknown
  ) -> MarketEvent {
    .trade(
      Trade(
        instrument: 0, timestamp: time, price: price(cents), size: Quantity(raw: size, precision: 0),
        aggressor: aggressor))
  }

  static func order(
    _ id: ClientOrderID, _ side: OrderSide, _ quantity: Int64, _ type: OrderType,
    tif: TimeInForce = .gtc, reduceOnly: Bool = false, at time: Int64 = 0, slot: SlotID = 0,
    postOnly: Bool = false, parent: ClientOrderID = 0, oco: ClientOrderID = 0
  ) -> Order {
    var order = Order(
      clientOrderID: id, slot: slot, instrument: 0, side: side,
      quantity: Quantity(raw: quantity, precision: 0), type: type, timeInForce: tif,
      reduceOnly: reduceOnly, createdAt: time)
    order.postOnly = postOnly
    order.parentOrderID = parent
    order.ocoOrderID = oco
    try! order.apply(.submitted, at: time)
    return order
  }

  static func venue(
    _ timing: MarketFillTiming, fees: FeeSchedule = .none, slippage: Int64 = 0
  ) -> SimulatedVenue {
    SimulatedVenue(
      instruments: [share],
      configuration: ExecutionConfiguration(marketFill: timing, fees: fees, slippageTicks: slippage)
    )
  }

  static func venue(_ configuration: ExecutionConfiguration, capacity: Int = 4096)
    -> SimulatedVenue
  {
    SimulatedVenue(instruments: [share], configuration: configuration, capacity: capacity)
  }

  /// The filled quantities of `recorder`, in order.
  static func quantities(_ recorder: VenueRecorder) -> [Int64] {
    recorder.events.compactMap {
      if case .filled(_, _, let quantity, _, _) = $0 { return quantity }
      return nil
    }
  }
}
