/// Why a `PerformanceTracker`, `PromotionRule` or `RollbackRule` refused its configuration: every
/// problem found, not just the first. Thrown by `PerformanceTracker.init` and by the rules'
/// `validate()` (call it when the configuration is loaded), never on the hot path. A plain value,
/// any thread.
public struct AnalyticsConfigurationError: Error, Equatable, Sendable, CustomStringConvertible {
  /// One problem with one field; `field` names it as the caller spelled it.
  public enum Problem: Equatable, Sendable, CustomStringConvertible {
    /// A number is NaN or infinite.
    case notFinite(field: String, value: Double)
    /// A number that must be above zero is not.
    case notPositive(field: String, value: Double)
    /// A number that must not be negative is.
    case negative(field: String, value: Double)
    /// A count is below its smallest valid value.
    case belowMinimum(field: String, value: Int, minimum: Int)
    /// A fraction or probability is outside its range (`range` describes it, e.g. "(0, 1]").
    case outOfRange(field: String, value: Double, range: String)

    public var description: String {
      switch self {
      case .notFinite(let field, let value):
        "\(field) is \(value); it must be a finite number"
      case .notPositive(let field, let value):
        "\(field) is \(value); it must be above 0"
      case .negative(let field, let value):
        "\(field) is \(value); it must not be negative"
      case .belowMinimum(let field, let value, let minimum):
        "\(field) is \(value); it must be at least \(minimum)"
      case .outOfRange(let field, let value, let range):
        "\(field) is \(value); it must be in \(range)"
      }
    }
  }

  /// Every problem found, in field order.
  public var problems: [Problem]

  public init(problems: [Problem]) { self.problems = problems }

  public var description: String {
    "invalid slot analytics configuration: " + problems.map(\.description).joined(separator: "; ")
  }
}
