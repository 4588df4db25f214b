import Execution
import TradingModel

/// A `SimulatedVenueDelegate` that records what the venue did, with an optional position for
/// reduce-only clipping.
final class VenueRecorder: SimulatedVenueDelegate {
  enum Event: Equatable {
    case accepted(ClientOrderID)
    case filled(ClientOrderID, price: Int64, quantity: Int64, fee: Int64, Liquidity)
    case triggered(ClientOrderID)
    case canceled(ClientOrderID, String)
    case expired(ClientOrderID)
    case rejected(ClientOrderID, String)
  }

  var events: [Event] = []
  /// The signed position reduce-only orders may reduce.
  var position: Int64 = 0

  func fillableQuantity(_ order: Order, proposed: Quantity) -> Quantity {
    guard order.reduceOnly else { return proposed }
    let reducible = order.side == .buy ? -position : position
    return Quantity(raw: max(0, min(reducible, proposed.raw)), precision: proposed.precision)
  }

  func venueAccepted(_ order: Order) { events.append(.accepted(order.clientOrderID)) }

  func venueFilled(_ order: Order, fill: Fill) {
    events.append(
      .filled(
        order.clientOrderID, price: fill.price.raw, quantity: fill.quantity.raw, fee: fill.fee.raw,
        fill.liquidity))
  }

  func venueTriggered(_ order: Order) { events.append(.triggered(order.clientOrderID)) }

  func venueCanceled(_ order: Order, reason: StaticString) {
    events.append(.canceled(order.clientOrderID, reason.description))
  }

  func venueExpired(_ order: Order) { events.append(.expired(order.clientOrderID)) }

  func venueRejected(_ order: Order, reason: StaticString) {
    events.append(.rejected(order.clientOrderID, reason.description))
  }

  /// The fills recorded, as (id, price raw).
  var fills: [(ClientOrderID, Int64)] {
    events.compactMap {
      if case .filled(let id, let price, _, _, _) = $0 { return (id, price) }
      return nil
    }
  }
}

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
