import TradingModel

/// A `VenueSink` that records what a venue did, with an optional position for reduce-only
/// clipping (venue tests: the simulator and exchange-plugin venues). Kernel-thread use only.
public final class VenueRecorder: VenueSink {
  public enum Event: Equatable, Sendable {
    case accepted(ClientOrderID)
    case filled(ClientOrderID, price: Int64, quantity: Int64, fee: Int64, Liquidity)
    case triggered(ClientOrderID)
    case canceled(ClientOrderID, String)
    case expired(ClientOrderID)
    case rejected(ClientOrderID, String)
    /// An amend took effect: the order's new quantity and limit (or trigger) price, raw.
    case amended(ClientOrderID, quantity: Int64, price: Int64)
    case amendRejected(ClientOrderID, String)
    case fault(VenueFault)
  }

  public init() {}

  public var events: [Event] = []
  /// The signed position reduce-only orders may reduce.
  public var position: Int64 = 0

  public func fillableQuantity(_ order: Order, proposed: Quantity) -> Quantity {
    guard order.reduceOnly else { return proposed }
    let reducible = order.side == .buy ? -position : position
    return Quantity(raw: max(0, min(reducible, proposed.raw)), precision: proposed.precision)
  }

  public func venueAccepted(_ order: Order) { events.append(.accepted(order.clientOrderID)) }

  public func venueFilled(_ order: Order, fill: Fill) {
    events.append(
      .filled(
        order.clientOrderID, price: fill.price.raw, quantity: fill.quantity.raw, fee: fill.fee.raw,
        fill.liquidity))
  }

  public func venueTriggered(_ order: Order) { events.append(.triggered(order.clientOrderID)) }

  public func venueCanceled(_ order: Order, reason: StaticString) {
    events.append(.canceled(order.clientOrderID, reason.description))
  }

  public func venueCanceled(_ order: Order, text: String) {
    events.append(.canceled(order.clientOrderID, text))
  }

  public func venueExpired(_ order: Order) { events.append(.expired(order.clientOrderID)) }

  public func venueRejected(_ order: Order, reason: StaticString) {
    events.append(.rejected(order.clientOrderID, reason.description))
  }

  public func venueRejected(_ order: Order, text: String) {
    events.append(.rejected(order.clientOrderID, text))
  }

  public func venueAmended(_ order: Order) {
    let price = order.type.limitPrice?.raw ?? order.type.triggerPrice?.raw ?? 0
    events.append(.amended(order.clientOrderID, quantity: order.quantity.raw, price: price))
  }

  public func venueAmendRejected(_ order: Order, attempted: OrderAmendment, reason: StaticString) {
    events.append(.amendRejected(order.clientOrderID, reason.description))
  }

  public func venueAmendRejected(_ order: Order, attempted: OrderAmendment, text: String) {
    events.append(.amendRejected(order.clientOrderID, text))
  }

  public func venueFault(_ fault: VenueFault) { events.append(.fault(fault)) }

  /// The faults recorded.
  public var faults: [VenueFault] {
    events.compactMap {
      if case .fault(let fault) = $0 { return fault }
      return nil
    }
  }

  /// The fills recorded, as (id, price raw).
  public var fills: [(ClientOrderID, Int64)] {
    events.compactMap {
      if case .filled(let id, let price, _, _, _) = $0 { return (id, price) }
      return nil
    }
  }
}
