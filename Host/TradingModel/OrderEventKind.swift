/// What happened to an order: the input of `OrderLifecycle.transition(from:on:)`. A plain value,
/// usable from any thread.
public enum OrderEventKind: UInt8, Sendable, CaseIterable, CustomStringConvertible {
  /// The host's risk gateway refused the order.
  case denied
  /// The order was sent to the venue.
  case submitted
  /// The venue acknowledged the order.
  case accepted
  /// The venue refused the order.
  case rejected
  /// A stop order's trigger was hit.
  case triggered
  /// A fill that leaves part of the order unfilled (`Order.applyFill`).
  case partiallyFilled
  /// A fill that completes the order (`Order.applyFill`).
  case filled
  /// A cancel request was sent to the venue.
  case cancelRequested
  /// The order was canceled.
  case canceled
  /// The venue refused a cancel request; the order keeps working.
  case cancelRejected
  /// The order's time in force ran out.
  case expired
  /// The venue changed a working order's quantity or prices on request (`Order.amend`); the
  /// order keeps its state.
  case amended
  /// An amend was refused (by the risk gate or the venue); the order keeps working unchanged.
  case amendRejected

  /// Whether the event is a fill (it carries a quantity and goes through `Order.applyFill`).
  @inlinable
  public var isFill: Bool { self == .partiallyFilled || self == .filled }

  public var description: String {
    switch self {
    case .denied: "denied"
    case .submitted: "submitted"
    case .accepted: "accepted"
    case .rejected: "rejected"
    case .triggered: "triggered"
    case .partiallyFilled: "partiallyFilled"
    case .filled: "filled"
    case .cancelRequested: "cancelRequested"
    case .canceled: "canceled"
    case .cancelRejected: "cancelRejected"
    case .expired: "expired"
    case .amended: "amended"
    case .amendRejected: "amendRejected"
    }
  }
}
