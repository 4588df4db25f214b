/// The count, mean and sample variance of a stream of numbers, updated one value at a time with
/// Welford's algorithm (numerically stable: no sum of squares that cancels).
///
/// Non-finite values (NaN, ±infinity) are not added; they are counted in `rejected`, so one bad
/// figure can neither poison the mean nor pass unnoticed.
///
/// Contract: a plain value, any thread. Every method is O(1) and never allocates, so it may be
/// updated per market event.
public struct RunningMoments: Sendable, Equatable {
  /// Finite values added.
  public private(set) var count: Int
  /// Their mean (0 while `count` is 0).
  public private(set) var mean: Double
  /// Sum of squared deviations from the mean (Welford's `M2`).
  private var squaredDeviations: Double
  /// Non-finite values refused by `add`.
  public private(set) var rejected: Int

  /// No values.
  public init() {
    count = 0
    mean = 0
    squaredDeviations = 0
    rejected = 0
  }

  /// The sample variance (divisor `count - 1`); `nil` below two values.
  public var variance: Double? {
    count < 2 ? nil : squaredDeviations / Double(count - 1)
  }

  /// The sample standard deviation; `nil` below two values.
  public var standardDeviation: Double? {
    variance.map { $0.squareRoot() }
  }

  /// Adds `x`, or counts it in `rejected` when it is not finite. O(1), allocation-free.
  public mutating func add(_ x: Double) {
    guard x.isFinite else {
      rejected += 1
      return
    }
    count += 1
    let delta = x - mean
    mean += delta / Double(count)
    squaredDeviations += delta * (x - mean)
  }

  /// Adds `x` `times` times in O(1) (Chan et al.'s merge of a group of equal values), with the
  /// same result as that many `add(x)` calls up to rounding. A non-finite `x` counts `times` in
  /// `rejected`; `times <= 0` does nothing. Allocation-free.
  public mutating func add(_ x: Double, times: Int) {
    guard times > 0 else { return }
    guard x.isFinite else {
      rejected += times
      return
    }
    let total = count + times
    let delta = x - mean
    let weight = Double(times) / Double(total)
    // The weighted average, not `mean + delta * weight`: that cancels when the group outweighs
    // the values so far (weight near 1), e.g. a long run of empty periods.
    mean = mean * (Double(count) / Double(total)) + x * weight
    squaredDeviations += delta * delta * Double(count) * weight
    count = total
  }
}
