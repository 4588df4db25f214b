/// When a running version (production, or a canary) must be rolled back to the previous one.
/// Plain data, loaded from configuration; call `validate()` once when it is loaded, as `evaluate`
/// takes the numbers as given.
///
/// Triggers, checked in this order (the first that fires decides):
/// 1. `onLimitBreach` and the risk layer reports a breached limit for the slot;
/// 2. `onBreakerTrip` and a health breaker of the slot is open;
/// 3. more than `maxErrors` errors (0: the first error rolls back);
/// 4. when `maxDrawdown` is set: the tracker's maximum drawdown is above it. The maximum, not the
///    current drawdown, so a dip between two evaluations is not missed;
/// 5. when `expectation` is set: after at least `minPeriods` closed periods, the live Sharpe
///    ratio is below `expectation.sharpe - tolerance` (and, when `twoSided`, also above
///    `expectation.sharpe + tolerance`). An undefined Sharpe ratio (a flat equity) never fires
///    it.
///
/// Contract: pure, any thread; not for the per-event path (it builds strings and arrays).
public struct RollbackRule: Sendable, Equatable {
  /// The live Sharpe ratio a version is expected to show (from its backtest or its history).
  public struct Expectation: Sendable, Equatable {
    /// The expected annualised Sharpe ratio.
    public var sharpe: Double
    /// How far the live ratio may stray from it (at least 0).
    public var tolerance: Double
    /// Closed periods before the check applies (at least 2, the fewest with a Sharpe ratio).
    public var minPeriods: Int
    /// Also roll back when the live ratio is above `sharpe + tolerance`: far better than expected
    /// means the version does not behave as tested (a look-ahead, a sizing bug, a regime it was
    /// not built for), and its risk is not the one that was approved. Default `false`: only a
    /// shortfall rolls back.
    public var twoSided: Bool

    public init(sharpe: Double, tolerance: Double, minPeriods: Int, twoSided: Bool = false) {
      self.sharpe = sharpe
      self.tolerance = tolerance
      self.minPeriods = minPeriods
      self.twoSided = twoSided
    }
  }

  /// The largest maximum drawdown allowed, fraction in `(0, 1]`; `nil`: no limit.
  public var maxDrawdown: Double?
  /// The most errors allowed (0: any error rolls back).
  public var maxErrors: Int
  /// Roll back when the risk layer reports a breached limit.
  public var onLimitBreach: Bool
  /// Roll back when a health breaker of the slot trips.
  public var onBreakerTrip: Bool
  /// The Sharpe ratio expected of the version; `nil`: no check.
  public var expectation: Expectation?

  public init(
    maxDrawdown: Double? = nil, maxErrors: Int = 0, onLimitBreach: Bool = true,
    onBreakerTrip: Bool = true, expectation: Expectation? = nil
  ) {
    self.maxDrawdown = maxDrawdown
    self.maxErrors = maxErrors
    self.onLimitBreach = onLimitBreach
    self.onBreakerTrip = onBreakerTrip
    self.expectation = expectation
  }

  /// Throws every problem at once: `maxDrawdown` outside `(0, 1]`, `maxErrors` below 0, an
  /// expectation with a non-finite sharpe, a negative or non-finite tolerance, or fewer than 2
  /// periods.
  public func validate() throws(AnalyticsConfigurationError) {
    typealias Problem = AnalyticsConfigurationError.Problem
    var problems: [Problem?] = [
      maxDrawdown.flatMap { Problem.checkDrawdownLimit("maxDrawdown", $0) },
      Problem.checkAtLeast("maxErrors", maxErrors, 0),
    ]
    if let expectation {
      problems += [
        expectation.sharpe.isFinite
          ? nil : Problem.notFinite(field: "expectation.sharpe", value: expectation.sharpe),
        Problem.checkNonNegative("expectation.tolerance", expectation.tolerance),
        Problem.checkAtLeast("expectation.minPeriods", expectation.minPeriods, 2),
      ]
    }
    let found = problems.compactMap { $0 }
    guard found.isEmpty else { throw AnalyticsConfigurationError(problems: found) }
  }
}
