/// What the simulator answered to a submission: the first answer to a client order id stands,
/// so a retried submit gets it again and never makes a second order.
public enum SubmitResult: Sendable, Equatable, CustomStringConvertible {
  /// The order was accepted (whatever happened to it since).
  case accepted
  /// The order was rejected, for the reason given.
  case rejected(StaticString)

  public static func == (lhs: SubmitResult, rhs: SubmitResult) -> Bool {
    lhs.description == rhs.description
  }

  public var description: String {
    switch self {
    case .accepted: "accepted"
    case .rejected(let reason): "rejected: \(reason)"
    }
  }
}
