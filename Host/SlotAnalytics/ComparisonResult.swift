/// The outcome of a t-test between two versions: how much A earned over B per period (or per
/// trade), and how sure one can be that they really differ. Made by `PairedComparison.result`,
/// `PairedComparison.welch` and `PairedComparison.oneSample`. A plain value, any thread.
public struct ComparisonResult: Sendable, Equatable {
  /// Which t-test produced a result.
  public enum Test: Sendable, Equatable {
    /// Paired t-test on per-period differences A - B (`PairedComparison.result`).
    case paired
    /// Welch's unequal-variance two-sample t-test (`PairedComparison.welch`).
    case welch
    /// One-sample t-test of A's mean against 0 (`PairedComparison.oneSample`).
    case oneSample
  }

  /// The test that produced this result.
  public var test: Test
  /// Values on A's side: pairs for a paired test, A's sample size otherwise.
  public var countA: Int
  /// Values on B's side: pairs for a paired test, B's sample size for Welch's, 0 for one sample.
  public var countB: Int
  /// Mean of A - B (paired), mean of A - mean of B (Welch), or A's mean (one sample).
  public var meanDifference: Double
  /// `meanDifference / standard error`; `nil` when the standard error is undefined or 0 (fewer
  /// than two values on a side, or no dispersion at all).
  public var tStatistic: Double?
  /// Degrees of freedom: `pairs - 1` (paired, one sample), the Welch–Satterthwaite value (Welch,
  /// fractional); 0 when `tStatistic` is `nil`.
  public var degreesOfFreedom: Double
  /// Two-sided p-value of `tStatistic`; `nil` with it.
  public var pValue: Double?
  /// `1 - pValue`: the confidence that A and B differ (in either direction); `nil` with it.
  public var confidence: Double?

  public init(
    test: Test, countA: Int, countB: Int, meanDifference: Double, tStatistic: Double?,
    degreesOfFreedom: Double
  ) {
    self.test = test
    self.countA = countA
    self.countB = countB
    self.meanDifference = meanDifference
    self.tStatistic = tStatistic
    self.degreesOfFreedom = tStatistic == nil ? 0 : degreesOfFreedom
    let p = tStatistic.map { StudentT.twoSidedPValue($0, degreesOfFreedom: degreesOfFreedom) }
    self.pValue = p
    self.confidence = p.map { 1 - $0 }
  }

  /// Matched pairs behind a paired test (`countA`); 0 for the other tests.
  public var pairs: Int { test == .paired ? countA : 0 }
}
