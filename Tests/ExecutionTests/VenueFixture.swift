import Execution
import TradingModel

/// Builders for venue tests: one cent-priced share instrument, bars and orders.
enum VenueFixture {
  static let share = try! Instrument.make(
    id: 0, symbol: "SPY", venue: "ARCA", currency: .usd, pricePrecision: 2
  ).get()

  static let day: Int64 = 86_400_000_000_000

  static func price(_ cents: Int64) -> Price { Price(raw: cents, precision: 2) }

  static func bar(_ time: Int64, _ open: Int64, _ high: Int64, _ low: Int64, _ close: Int64)
    -> MarketEvent
  {
    .bar(
      Bar(
        instrument: 0, timestamp: time, open: price(open), high: price(high), low: price(low),
        close: price(close), volume: Quantity(raw: 100, precision: 0)))
  }

  static func order(
    _ id: ClientOrderID, _ side: OrderSide, _ quantity: Int64, _ type: OrderType,
    tif: TimeInForce = .gtc, reduceOnly: Bool = false, at time: Int64 = 0
  ) -> Order {
    var order = Order(
      clientOrderID: id, slot: 0, instrument: 0, side: side,
      quantity: Quantity(raw: quantity, precision: 0), type: type, timeInForce: tif,
      reduceOnly: reduceOnly, createdAt: time)
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
}
