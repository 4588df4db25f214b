/// A request to change a working order in place: its new total quantity (filled part included)
/// and its new prices, as an `OrderType` of the same kind as the order's. A plain value, usable
/// from any thread.
///
/// What an amend keeps and loses at a venue is the venue's rule; the simulator's is in
/// `docs/venues.md` (a smaller quantity at the same prices keeps the order's place in the queue,
/// anything else joins the back of its new price level).
public struct OrderAmendment: Sendable, Hashable {
  /// The new ordered size, including what has filled: above `Order.filledQuantity`.
  public var quantity: Quantity
  /// The new prices, in a type of the same kind as the order's (a limit stays a limit).
  public var type: OrderType
  /// The price the kernel's account check valued the amended order at (`Order.accountPrice`).
  public var accountPrice: Int64

  public init(quantity: Quantity, type: OrderType, accountPrice: Int64 = 0) {
    self.quantity = quantity
    self.type = type
    self.accountPrice = accountPrice
  }

  /// Whether `type` is of the same kind as `other` (market, limit, stop or stop-limit).
  @inlinable
  public static func sameKind(_ type: OrderType, _ other: OrderType) -> Bool {
    switch (type, other) {
    case (.market, .market), (.limit, .limit), (.stop, .stop), (.stopLimit, .stopLimit): true
    default: false
    }
  }
}

extension Order {
  /// Applies an amend the venue confirmed: the new quantity, prices and account price. The
  /// state stays (`amended` is legal in every open state). Throws, leaving the order
  /// unchanged, for an illegal state, a change of kind, prices or quantity at other precisions,
  /// or a quantity not above `filledQuantity`. Allocation-free.
  public mutating func amend(to amendment: OrderAmendment, at time: Int64)
    throws(OrderTransitionError)
  {
    guard isValid(amendment) else { throw refusal(.amended, .invalidAmendment) }
    try advance(on: .amended, at: time)
    quantity = amendment.quantity
    type = amendment.type
    accountPrice = amendment.accountPrice
  }

  /// Whether `amendment` could apply to this order (its kind, precisions and quantity; the
  /// state is not checked).
  public func isValid(_ amendment: OrderAmendment) -> Bool {
    guard OrderAmendment.sameKind(type, amendment.type),
      amendment.quantity.precision == quantity.precision,
      amendment.quantity.raw > filledQuantity.raw
    else { return false }
    let precision = type.limitPrice?.precision ?? type.triggerPrice?.precision
    let new = amendment.type.limitPrice?.precision ?? amendment.type.triggerPrice?.precision
    return precision == new
  }

  /// The order as it would be after `amendment` (no state change; the kernel's checks use
  /// it): `nil` when `isValid` is false.
  public func amended(_ amendment: OrderAmendment) -> Order? {
    guard isValid(amendment) else { return nil }
    var copy = self
    copy.quantity = amendment.quantity
    copy.type = amendment.type
    copy.accountPrice = amendment.accountPrice
    return copy
  }
}
