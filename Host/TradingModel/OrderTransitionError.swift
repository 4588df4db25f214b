/// An order event that `Order` refused: the order is unchanged. Carries the order, the state it
/// was in, the event and why. A plain value, usable from any thread.
public struct OrderTransitionError: Error, Equatable, Sendable, CustomStringConvertible {
  /// Why the event was refused.
  public enum Reason: Equatable, Sendable {
    /// The lifecycle table has no row for the event in that state.
    case illegalTransition
    /// A fill larger than the order's unfilled quantity (the leaves and the fill's size).
    case overfill(leaves: Quantity, fill: Quantity)
    /// A fill for another order, slot, instrument or side.
    case foreignFill
    /// A fill whose size is not positive, or at another size precision than the order.
    case invalidFillQuantity
    /// A fill price at another precision than the order's earlier fills.
    case invalidFillPrice
    /// A fill event without a fill: fills go through `Order.applyFill`.
    case fillRequiresQuantity
    /// An amend that changes the order's kind (a limit into a stop, say), or whose quantity is
    /// at another precision or not above what has filled.
    case invalidAmendment
  }

  /// The order's client id.
  public var orderID: ClientOrderID
  /// The state the order was (and stays) in.
  public var from: OrderState
  /// The refused event.
  public var event: OrderEventKind
  /// Why.
  public var reason: Reason

  public init(
    orderID: ClientOrderID, from: OrderState, event: OrderEventKind,
    reason: Reason = .illegalTransition
  ) {
    self.orderID = orderID
    self.from = from
    self.event = event
    self.reason = reason
  }

  public var description: String {
    let prefix = "order \(orderID) (\(from)): refused '\(event)'"
    switch reason {
    case .illegalTransition: return "\(prefix): not a legal event in state '\(from)'"
    case .overfill(let leaves, let fill):
      return "\(prefix): a fill of \(fill) exceeds the unfilled \(leaves)"
    case .foreignFill: return "\(prefix): the fill is for another order, slot, instrument or side"
    case .invalidFillQuantity:
      return "\(prefix): the fill's size is not positive at the order's size precision"
    case .invalidFillPrice:
      return "\(prefix): the fill's price precision differs from earlier fills"
    case .fillRequiresQuantity: return "\(prefix): fills must be applied with applyFill"
    case .invalidAmendment:
      return
        "\(prefix): an amend keeps the order's type and asks for more than has filled, at its precisions"
    }
  }
}
