/// The two-sample and one-sample t-tests, on moments the caller already keeps (a tracker's
/// `tradePnL` or `returns`). Pure functions, any thread, allocation-free.
extension PairedComparison {
  /// Welch's two-sample t-test of `a` against `b` (unequal variances):
  /// `t = (mean a - mean b) / sqrt(var a / n a + var b / n b)`, with Welch–Satterthwaite degrees
  /// of freedom `(va/na + vb/nb)² / ((va/na)²/(na-1) + (vb/nb)²/(nb-1))`. `tStatistic` is `nil`
  /// when either side has fewer than two values or both have no dispersion.
  public static func welch(_ a: RunningMoments, _ b: RunningMoments) -> ComparisonResult {
    let difference = a.mean - b.mean
    guard let varianceA = a.variance, let varianceB = b.variance else {
      return ComparisonResult(
        test: .welch, countA: a.count, countB: b.count, meanDifference: difference,
        tStatistic: nil, degreesOfFreedom: 0)
    }
    let shareA = varianceA / Double(a.count)
    let shareB = varianceB / Double(b.count)
    let squaredError = shareA + shareB
    guard squaredError > 0 else {
      return ComparisonResult(
        test: .welch, countA: a.count, countB: b.count, meanDifference: difference,
        tStatistic: nil, degreesOfFreedom: 0)
    }
    let degrees =
      squaredError * squaredError
      / (shareA * shareA / Double(a.count - 1) + shareB * shareB / Double(b.count - 1))
    return ComparisonResult(
      test: .welch, countA: a.count, countB: b.count, meanDifference: difference,
      tStatistic: difference / squaredError.squareRoot(), degreesOfFreedom: degrees)
  }

  /// The one-sample t-test of `sample`'s mean against 0: `t = mean / (sd / sqrt(n))`, `n - 1`
  /// degrees of freedom; `tStatistic` is `nil` below two values or with no dispersion. The rules
  /// use it on a candidate's period returns when there is no production to compare with.
  public static func oneSample(_ sample: RunningMoments) -> ComparisonResult {
    meanTest(sample, test: .oneSample, countB: 0)
  }

  /// The t-test of `sample`'s mean against 0, labelled `test` (the paired test is this test on
  /// the differences).
  static func meanTest(_ sample: RunningMoments, test: ComparisonResult.Test, countB: Int)
    -> ComparisonResult
  {
    guard let deviation = sample.standardDeviation, deviation > 0 else {
      return ComparisonResult(
        test: test, countA: sample.count, countB: countB, meanDifference: sample.mean,
        tStatistic: nil, degreesOfFreedom: 0)
    }
    return ComparisonResult(
      test: test, countA: sample.count, countB: countB, meanDifference: sample.mean,
      tStatistic: sample.mean / (deviation / Double(sample.count).squareRoot()),
      degreesOfFreedom: Double(sample.count - 1))
  }
}
