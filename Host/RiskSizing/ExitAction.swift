import TradingModel

/// What the exit tracker asks the risk wrapper to do: close `quantity` of the position (in the
/// direction that reduces it), for `reason`. The tracker sends nothing itself. Plain data.
public struct ExitAction: Hashable, Sendable {
  /// Why.
  public var reason: ExitReason
  /// How much to close: positive, at most the open position, at the instrument's size precision.
  public var quantity: Quantity
  /// The level that was crossed: the stop or the target; the close for a time exit.
  public var triggerPrice: Price

  public init(reason: ExitReason, quantity: Quantity, triggerPrice: Price) {
    self.reason = reason
    self.quantity = quantity
    self.triggerPrice = triggerPrice
  }
}
