/// Where a `CircuitBreaker` stands. The raw value is stable (status displays, audit records).
public enum BreakerState: UInt8, Sendable, CustomStringConvertible {
  /// Healthy: traffic flows and samples count toward the trip ratio.
  case closed = 0
  /// Tripped: traffic is refused until the cooldown has passed; samples are ignored.
  case open = 1
  /// On probation after the cooldown: a few probes may pass; consecutive good ones close it, one
  /// bad one re-opens it with a doubled cooldown.
  case halfOpen = 2

  public var description: String {
    switch self {
    case .closed: "closed"
    case .open: "open"
    case .halfOpen: "half-open"
    }
  }
}
