/// Why a health guard (`SlidingWindowCounter`, `RateLimiter`, `CircuitBreaker`,
/// `RunawayDetector`) refused its configuration: every problem found, not just the first. A plain
/// value, usable from any thread. Thrown by the guards' initialisers only, never on the hot path.
public struct HealthConfigurationError: Error, Equatable, Sendable, CustomStringConvertible {
  /// One problem with one field of the configuration; `field` names it as the caller spelled it.
  public enum Problem: Equatable, Sendable, CustomStringConvertible {
    /// A duration, count or limit is below its smallest valid value.
    case belowMinimum(field: String, value: Int64, minimum: Int64)
    /// A count is above its largest valid value (it sizes a preallocated buffer).
    case aboveMaximum(field: String, value: Int64, maximum: Int64)
    /// The window is not a whole number of buckets of at least 1 ns each.
    case windowNotDivisible(field: String, windowNanos: Int64, buckets: Int)
    /// A ratio is NaN or outside `(0, 1]`.
    case ratioOutOfRange(field: String, value: Double)
    /// The longest cooldown is shorter than the first one.
    case maxCooldownBelowCooldown(cooldownNanos: Int64, maxCooldownNanos: Int64)

    public var description: String {
      switch self {
      case .belowMinimum(let field, let value, let minimum):
        "\(field) is \(value); it must be at least \(minimum)"
      case .aboveMaximum(let field, let value, let maximum):
        "\(field) is \(value); it must be at most \(maximum)"
      case .windowNotDivisible(let field, let windowNanos, let buckets):
        "\(field) of \(windowNanos) ns is not a whole number of its \(buckets) buckets"
      case .ratioOutOfRange(let field, let value):
        "\(field) is \(value); it must be above 0 and at most 1"
      case .maxCooldownBelowCooldown(let cooldownNanos, let maxCooldownNanos):
        "maxCooldownNanos (\(maxCooldownNanos)) is below cooldownNanos (\(cooldownNanos))"
      }
    }
  }

  /// Every problem found, in field order.
  public var problems: [Problem]

  public init(problems: [Problem]) { self.problems = problems }

  public var description: String {
    "invalid health configuration: " + problems.map(\.description).joined(separator: "; ")
  }
}
