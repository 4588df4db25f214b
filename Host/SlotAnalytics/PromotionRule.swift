/// When a candidate version (canary, shadow or A/B challenger) may replace production. Plain
/// data, loaded from configuration; call `validate()` once when it is loaded, as `evaluate`
/// takes the numbers as given.
///
/// The candidate is promoted when, in this order (the first failure decides):
/// 1. deployments are not frozen (else `.blocked`);
/// 2. it had at most `maxErrors` errors and, when `maxDrawdown` is set, a maximum drawdown of at
///    most `maxDrawdown` (else `.blocked`: both only grow, so waiting cannot help);
/// 3. its trial is over: at least `minTrades` round trips OR at least `minDays` days since its
///    tracker's start, either suffices; with both `nil` there is no trial (else `.wait`);
/// 4. its Sharpe ratio is defined (else `.wait`) and at least the baseline minus `sharpeMargin`,
///    the baseline being production's Sharpe ratio, or 0, the Sharpe ratio of not trading, when
///    there is no production or its ratio is not defined (flat or too young) (else `.blocked`);
/// 5. when `minConfidence` is set: a t-test says the candidate differs from production with at
///    least that confidence (else `.wait`: significance comes with more periods) and the
///    candidate is the better one (else `.blocked`). The test is the `comparison` the caller
///    passes (a `PairedComparison.result` with the candidate as A), else Welch's test on the two
///    trackers' period returns, or, with no production, the one-sample test of the candidate's
///    period returns against 0.
///
/// Contract: pure, any thread; not for the per-event path (it builds strings and arrays).
public struct PromotionRule: Sendable, Equatable {
  /// Round trips that end the trial; `nil`: trades do not end it.
  public var minTrades: Int?
  /// Days (of 86,400 s, from the tracker's start to its latest observation) that end the trial;
  /// `nil`: time does not end it.
  public var minDays: Double?
  /// How far the candidate's Sharpe ratio may fall below the baseline's (at least 0).
  public var sharpeMargin: Double
  /// The largest maximum drawdown the candidate may have had, fraction in `(0, 1]`; `nil`: no
  /// limit.
  public var maxDrawdown: Double?
  /// The most errors the candidate may have had (0: any error blocks it).
  public var maxErrors: Int
  /// The confidence, in `(0, 1)`, that the candidate is better that promotion needs; `nil`: no
  /// significance test.
  public var minConfidence: Double?

  public init(
    minTrades: Int? = nil, minDays: Double? = nil, sharpeMargin: Double = 0.2,
    maxDrawdown: Double? = nil, maxErrors: Int = 0, minConfidence: Double? = nil
  ) {
    self.minTrades = minTrades
    self.minDays = minDays
    self.sharpeMargin = sharpeMargin
    self.maxDrawdown = maxDrawdown
    self.maxErrors = maxErrors
    self.minConfidence = minConfidence
  }

  /// Throws every problem at once: counts below 0, `minDays` or `sharpeMargin` negative or not
  /// finite, `maxDrawdown` outside `(0, 1]`, `minConfidence` outside `(0, 1)`.
  public func validate() throws(AnalyticsConfigurationError) {
    typealias Problem = AnalyticsConfigurationError.Problem
    let problems: [Problem?] = [
      minTrades.flatMap { Problem.checkAtLeast("minTrades", $0, 0) },
      minDays.flatMap { Problem.checkNonNegative("minDays", $0) },
      Problem.checkNonNegative("sharpeMargin", sharpeMargin),
      maxDrawdown.flatMap { Problem.checkDrawdownLimit("maxDrawdown", $0) },
      Problem.checkAtLeast("maxErrors", maxErrors, 0),
      minConfidence.flatMap {
        $0 > 0 && $0 < 1
          ? nil : Problem.outOfRange(field: "minConfidence", value: $0, range: "(0, 1)")
      },
    ]
    let found = problems.compactMap { $0 }
    guard found.isEmpty else { throw AnalyticsConfigurationError(problems: found) }
  }
}
