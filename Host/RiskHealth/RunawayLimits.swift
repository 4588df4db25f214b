/// The bounds of `RunawayDetector` for one strategy slot (the Knight Capital guard): order and
/// fill velocity and repeated identical orders. Plain data; each bound is optional (`nil` = off).
/// `validate()` (and `RunawayDetector.init`) reports every problem at once. Counts are per
/// sliding minute (`minuteNanos`); notionals are `raw` values in the account currency's precision.
public struct RunawayLimits: Equatable, Sendable {
  /// One minute, ns: the window of the per-minute bounds.
  public static let minuteNanos: Int64 = 60_000_000_000

  /// Orders per sliding minute (1 through `RateLimiter.maximumEvents`); the next one trips.
  public var maxOrdersPerMinute: Int?
  /// Order notional (sum of magnitudes, raw) per sliding minute (at least 1); more trips.
  public var maxOrderNotionalPerMinute: Int64?
  /// Fills per sliding minute (1 through `RateLimiter.maximumEvents`); the next one trips.
  public var maxFillsPerMinute: Int?
  /// Fill notional (sum of magnitudes, raw) per sliding minute (at least 1); more trips.
  public var maxFillNotionalPerMinute: Int64?
  /// Consecutive identical orders allowed within `identicalWindowNanos` (1 through
  /// `RateLimiter.maximumEvents`); the next identical one trips.
  public var maxIdenticalOrders: Int?
  /// The window of `maxIdenticalOrders`, ns (at least 1; read only when that bound is on).
  public var identicalWindowNanos: Int64

  public init(
    maxOrdersPerMinute: Int? = nil, maxOrderNotionalPerMinute: Int64? = nil,
    maxFillsPerMinute: Int? = nil, maxFillNotionalPerMinute: Int64? = nil,
    maxIdenticalOrders: Int? = nil, identicalWindowNanos: Int64 = RunawayLimits.minuteNanos
  ) {
    self.maxOrdersPerMinute = maxOrdersPerMinute
    self.maxOrderNotionalPerMinute = maxOrderNotionalPerMinute
    self.maxFillsPerMinute = maxFillsPerMinute
    self.maxFillNotionalPerMinute = maxFillNotionalPerMinute
    self.maxIdenticalOrders = maxIdenticalOrders
    self.identicalWindowNanos = identicalWindowNanos
  }

  /// The defaults: 120 orders and 120 fills per minute (two a second, sustained, is far beyond
  /// what a bar-driven strategy sends; a runaway loop sends thousands), 10 identical orders in a
  /// row within 60 s, and no notional bounds (they depend on the account's size and currency:
  /// set them per run).
  public static let standard = RunawayLimits(
    maxOrdersPerMinute: 120, maxFillsPerMinute: 120, maxIdenticalOrders: 10,
    identicalWindowNanos: minuteNanos)

  /// Every problem of the limits, in field order; empty when they are valid.
  public var problems: [HealthConfigurationError.Problem] {
    var problems: [HealthConfigurationError.Problem] = []
    if let count = maxOrdersPerMinute {
      problems += Self.countProblems(count, field: "maxOrdersPerMinute")
    }
    if let notional = maxOrderNotionalPerMinute, notional < 1 {
      problems.append(
        .belowMinimum(field: "maxOrderNotionalPerMinute", value: notional, minimum: 1))
    }
    if let count = maxFillsPerMinute {
      problems += Self.countProblems(count, field: "maxFillsPerMinute")
    }
    if let notional = maxFillNotionalPerMinute, notional < 1 {
      problems.append(.belowMinimum(field: "maxFillNotionalPerMinute", value: notional, minimum: 1))
    }
    if let count = maxIdenticalOrders {
      problems += RateLimiter.problems(
        maxEvents: count, windowNanos: identicalWindowNanos, eventsField: "maxIdenticalOrders",
        windowField: "identicalWindowNanos")
    }
    return problems
  }

  /// Throws every problem at once, if any.
  public func validate() throws(HealthConfigurationError) {
    let problems = self.problems
    guard problems.isEmpty else { throw HealthConfigurationError(problems: problems) }
  }

  private static func countProblems(_ count: Int, field: String)
    -> [HealthConfigurationError.Problem]
  {
    RateLimiter.problems(
      maxEvents: count, windowNanos: minuteNanos, eventsField: field, windowField: "minuteNanos")
  }
}
