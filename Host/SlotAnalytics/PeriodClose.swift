/// What one `PerformanceTracker.observe` call closed: the period that was current, with its
/// return, followed by `emptyPeriodsAfter` periods in which no event arrived (each with
/// `emptyPeriodReturn`, normally 0). Feed it to `PairedComparison.record(_:side:)` to compare two
/// slots period by period.
///
/// A plain value of fixed size: returning or storing one never allocates.
public struct PeriodClose: Sendable, Equatable {
  /// Index of the first closed period on the tracker's grid (0 is the interval that starts at the
  /// tracker's `startTime`).
  public var index: Int64
  /// When that period ended: its closing boundary, ns since the Unix epoch.
  public var endTime: Int64
  /// The length of every period, ns.
  public var intervalNanoseconds: Int64
  /// The simple return of period `index`: closing equity / opening equity - 1; NaN when the
  /// period opened at zero or negative equity (no return is defined then).
  public var periodReturn: Double
  /// Periods after `index`, closed by the same call, in which no event arrived.
  public var emptyPeriodsAfter: Int64
  /// The return of each of those periods: 0 (the equity did not change), or NaN when the equity
  /// carried through them was zero or negative.
  public var emptyPeriodReturn: Double

  public init(
    index: Int64, endTime: Int64, intervalNanoseconds: Int64, periodReturn: Double,
    emptyPeriodsAfter: Int64 = 0, emptyPeriodReturn: Double = 0
  ) {
    self.index = index
    self.endTime = endTime
    self.intervalNanoseconds = intervalNanoseconds
    self.periodReturn = periodReturn
    self.emptyPeriodsAfter = emptyPeriodsAfter
    self.emptyPeriodReturn = emptyPeriodReturn
  }

  /// Periods closed in all: `emptyPeriodsAfter + 1`.
  public var periodCount: Int64 { emptyPeriodsAfter + 1 }

  /// Index of the last period closed.
  public var lastIndex: Int64 { index + emptyPeriodsAfter }

  /// The same run without its first `n` periods (`nil` when none is left); what remains is empty
  /// periods only. For `PairedComparison`'s matching; O(1).
  func droppingFirst(_ n: Int64) -> PeriodClose? {
    guard n > 0 else { return self }
    guard n < periodCount else { return nil }
    return PeriodClose(
      index: index + n, endTime: endTime + n * intervalNanoseconds,
      intervalNanoseconds: intervalNanoseconds, periodReturn: emptyPeriodReturn,
      emptyPeriodsAfter: emptyPeriodsAfter - n, emptyPeriodReturn: emptyPeriodReturn)
  }
}
