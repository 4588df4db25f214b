/// Where an order is in its life. `OrderLifecycle.transition(from:on:)` is the only way from one
/// state to the next. A plain value, usable from any thread.
///
/// Three groups: not yet working (`initialized`, `submitted`: in flight to the venue), open
/// (`accepted`, `triggered`, `partiallyFilled`, `pendingCancel`) and terminal (`denied`,
/// `rejected`, `filled`, `canceled`, `expired`: no event is legal any more).
public enum OrderState: UInt8, Sendable, CaseIterable, CustomStringConvertible {
  /// Created by a strategy, not yet through the risk gateway.
  case initialized
  /// Refused by the host's risk gateway; never sent.
  case denied
  /// Sent to the venue, not yet acknowledged.
  case submitted
  /// Acknowledged and working at the venue.
  case accepted
  /// Refused by the venue.
  case rejected
  /// A stop (or stop-limit) whose trigger was hit; now working as a market (or limit) order.
  case triggered
  /// Part of the quantity is filled, the rest is working.
  case partiallyFilled
  /// The whole quantity is filled.
  case filled
  /// A cancel was sent and is not yet answered; fills may still arrive.
  case pendingCancel
  /// Canceled (by request, by the venue, or an IOC/FOK remainder).
  case canceled
  /// Its time in force ran out.
  case expired

  /// Working at the venue (nautilus_trader's `is_open`): accepted, triggered, partially filled
  /// or pending cancel. A submitted order is in flight, not open (see `isInFlight`).
  @inlinable
  public var isOpen: Bool {
    switch self {
    case .accepted, .triggered, .partiallyFilled, .pendingCancel: true
    default: false
    }
  }

  /// A request is on its way to the venue and unanswered: submitted or pending cancel.
  @inlinable
  public var isInFlight: Bool {
    self == .submitted || self == .pendingCancel
  }

  /// No further event is legal: denied, rejected, filled, canceled or expired.
  @inlinable
  public var isTerminal: Bool {
    switch self {
    case .denied, .rejected, .filled, .canceled, .expired: true
    default: false
    }
  }

  public var description: String {
    switch self {
    case .initialized: "initialized"
    case .denied: "denied"
    case .submitted: "submitted"
    case .accepted: "accepted"
    case .rejected: "rejected"
    case .triggered: "triggered"
    case .partiallyFilled: "partiallyFilled"
    case .filled: "filled"
    case .pendingCancel: "pendingCancel"
    case .canceled: "canceled"
    case .expired: "expired"
    }
  }
}
