extension Order {
  /// Applies a fill: adds its size, keeps the exact average fill price, and moves the order to
  /// `partiallyFilled` or `filled` (or keeps it `pendingCancel` for a partial fill that raced
  /// a cancel). Throws, leaving the order unchanged, for a fill of another order, slot,
  /// instrument or side, a non-positive size, a size or price precision that differs from the
  /// order's, a fill larger than `leavesQuantity` (an overfill), or a fill the state does not
  /// allow. Allocation-free.
  public mutating func applyFill(_ fill: Fill) throws(OrderTransitionError) {
    let leaves = leavesQuantity
    let completes = fill.quantity.precision == leaves.precision && fill.quantity.raw == leaves.raw
    let kind: OrderEventKind = completes ? .filled : .partiallyFilled
    guard
      fill.clientOrderID == clientOrderID, fill.slot == slot, fill.instrument == instrument,
      fill.side == side
    else { throw refusal(kind, .foreignFill) }
    guard fill.quantity.raw > 0, fill.quantity.precision == quantity.precision else {
      throw refusal(kind, .invalidFillQuantity)
    }
    guard fill.quantity.raw <= leaves.raw else {
      throw refusal(kind, .overfill(leaves: leaves, fill: fill.quantity))
    }
    guard fillCount == 0 || fill.price.precision == fillPricePrecision else {
      throw refusal(kind, .invalidFillPrice)
    }
    try advance(on: kind, at: fill.timestamp)
    fillPricePrecision = fill.price.precision
    fillNotional += Int128(fill.price.raw) * Int128(fill.quantity.raw)
    filledQuantity = filledQuantity + fill.quantity
    fillCount += 1
  }
}

extension Order {
  /// Shrinks a not-yet-submitted order (the risk gate's right: it may reduce an order, never
  /// enlarge it). `false`, and nothing changes, when `quantity` is not positive, not smaller, of
  /// another precision, or the order has left `initialized`.
  public mutating func reduceQuantity(to quantity: Quantity) -> Bool {
    guard state == .initialized, quantity.precision == self.quantity.precision,
      quantity.raw > 0, quantity.raw < self.quantity.raw
    else { return false }
    self.quantity = quantity
    filledQuantity = .zero(precision: quantity.precision)
    return true
  }
}
