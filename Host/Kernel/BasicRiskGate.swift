import TradingModel

/// The kernel's minimal gate: the instrument's minimum quantity and notional, a maximum order
/// quantity per instrument, and reduce-only orders that would increase a position. (Prices and
/// quantities were already checked for NaN, sign, ticks and lots when the intent was converted.)
/// The full risk wrapper replaces it through the `RiskGate` seam.
public final class BasicRiskGate: RiskGate {
  /// The run's instruments, indexed by `InstrumentID`.
  public let instruments: [Instrument]
  /// The largest order quantity per instrument (`nil`: no limit), indexed by `InstrumentID`.
  public let maxOrderQuantity: [Quantity?]

  public init(instruments: [Instrument], maxOrderQuantity: [Quantity?]) {
    self.instruments = instruments
    self.maxOrderQuantity = maxOrderQuantity
  }

  public func check(_ order: inout Order, context: RiskContext) -> DenialReason? {
    let instrument = instruments[Int(order.instrument)]
    if order.quantity < instrument.minQuantity { return .quantityBelowMinimum }
    if Int(order.instrument) < maxOrderQuantity.count,
      let limit = maxOrderQuantity[Int(order.instrument)], limit < order.quantity
    {
      return .maxOrderQuantity
    }
    if instrument.minNotional.raw > 0, let price = order.referencePrice ?? context.lastPrice,
      let notional = instrument.notional(price: price, quantity: order.quantity),
      notional < instrument.minNotional
    {
      return .notionalBelowMinimum
    }
    if order.reduceOnly {
      let position = context.position.raw
      let reduces = order.side == .buy ? position < 0 : position > 0
      if !reduces { return .reduceOnlyWouldIncrease }
    }
    return nil
  }

  public func didFill(_ fill: Fill, change: PositionChange) {}
}

extension Order {
  /// The order's own price (a limit, else a stop trigger), if it has one.
  public var referencePrice: Price? {
    switch type {
    case .market: nil
    case .limit(let limit): limit
    case .stop(let trigger): trigger
    case .stopLimit(_, let limit): limit
    }
  }
}
