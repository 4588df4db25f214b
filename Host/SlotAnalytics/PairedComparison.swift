/// A paired comparison of two versions that saw the same events (A/B slots, or canary against
/// production): each period's return of A is paired with the same period's return of B, and the
/// differences are tested with a paired t-test (`result`). Pairing removes the market's common
/// moves, so it detects a real difference far sooner than comparing two Sharpe ratios.
///
/// Feeding: pass each tracker's `PeriodClose` to `record(_:side:)` as it comes (or pairs the
/// caller matched itself to `add(returnA:returnB:)`). Periods are matched by their end time, so
/// the two trackers must share `intervalNanoseconds` and a grid: their `startTime`s a whole
/// number of intervals apart (a canary started later than production is fine). Only the unpaired
/// rest of each side's latest close is kept (one fixed-size value per side), so:
/// - a period of one side that the other side has already passed without reporting it, or one
///   that never lines up with the other side's grid, is dropped and counted in `unpairedPeriods`;
/// - a side may run at most one close ahead of the other: when a side reports a new close while
///   its previous one still waits for the other side, the previous one is dropped (counted);
/// - a close with another interval than the first one recorded, or not later than the side's
///   previous close, is ignored (counted).
/// Empty periods (no event, return 0 on both sides) pair like any other: their difference is 0.
///
/// Contract: a value type for one owner on one thread. `record` and `add` are O(1) and never
/// allocate, so they may run per event; `result` computes the t-test (not for the hot path, but
/// allocation-free as well).
public struct PairedComparison: Sendable {
  /// Which version a close belongs to.
  public enum Side: Sendable, Equatable {
    /// Version A (the candidate, by the rules' convention).
    case a
    /// Version B (the reference: production).
    case b
  }

  /// Moments of the paired differences `returnA - returnB` (NaN differences in `rejected`).
  public private(set) var differences: RunningMoments
  /// Periods dropped for want of a partner (see the type's description).
  public private(set) var unpairedPeriods: Int64
  /// The interval of the first recorded close; later closes must share it.
  public private(set) var intervalNanoseconds: Int64?
  /// The unpaired rest of A's latest close.
  private var pendingA: PeriodClose?
  /// The unpaired rest of B's latest close.
  private var pendingB: PeriodClose?
  /// End time of the last period A reported (`Int64.min`: none yet).
  private var reportedEndA: Int64
  /// End time of the last period B reported (`Int64.min`: none yet).
  private var reportedEndB: Int64

  /// No pairs yet.
  public init() {
    differences = RunningMoments()
    unpairedPeriods = 0
    intervalNanoseconds = nil
    pendingA = nil
    pendingB = nil
    reportedEndA = .min
    reportedEndB = .min
  }

  /// Adds one pair the caller matched itself: the same period's return of A and of B.
  /// Allocation-free.
  public mutating func add(returnA: Double, returnB: Double) {
    differences.add(returnA - returnB)
  }

  /// Records the periods one side's tracker just closed and pairs whatever now lines up with the
  /// other side. O(1), allocation-free.
  public mutating func record(_ close: PeriodClose, side: Side) {
    let interval = intervalNanoseconds ?? close.intervalNanoseconds
    let reportedEnd = side == .a ? reportedEndA : reportedEndB
    guard close.intervalNanoseconds == interval, close.intervalNanoseconds > 0,
      close.endTime > reportedEnd
    else {
      unpairedPeriods += close.periodCount
      return
    }
    intervalNanoseconds = interval
    let lastEnd = close.endTime + close.emptyPeriodsAfter * interval
    switch side {
    case .a:
      if let stale = pendingA { unpairedPeriods += stale.periodCount }
      pendingA = close
      reportedEndA = lastEnd
    case .b:
      if let stale = pendingB { unpairedPeriods += stale.periodCount }
      pendingB = close
      reportedEndB = lastEnd
    }
    match()
  }

  /// The paired t-test of the differences so far: `t = mean / (sd / sqrt(n))` with `n - 1`
  /// degrees of freedom.
  public var result: ComparisonResult {
    Self.meanTest(differences, test: .paired, countB: differences.count)
  }

  /// Pairs the pending runs of A and B while both exist. Runs on different grids (end times not
  /// a whole number of intervals apart) can never pair and are dropped whole; otherwise the
  /// periods of the side that starts earlier, up to the other side's first period, are dropped,
  /// and then periods ending at the same time pair, until one side's run is used up: at most
  /// three passes, whatever the run lengths.
  private mutating func match() {
    while let a = pendingA, let b = pendingB {
      let interval = a.intervalNanoseconds
      let (offset, overflow) = b.endTime.subtractingReportingOverflow(a.endTime)
      if overflow || offset % interval != 0 {
        unpairedPeriods += a.periodCount + b.periodCount
        pendingA = nil
        pendingB = nil
      } else if offset > 0 {
        let behind = offset / interval
        unpairedPeriods += min(behind, a.periodCount)
        pendingA = a.droppingFirst(behind)
      } else if offset < 0 {
        let behind = -offset / interval
        unpairedPeriods += min(behind, b.periodCount)
        pendingB = b.droppingFirst(behind)
      } else {
        differences.add(a.periodReturn - b.periodReturn)
        let empty = min(a.emptyPeriodsAfter, b.emptyPeriodsAfter)
        differences.add(a.emptyPeriodReturn - b.emptyPeriodReturn, times: Int(empty))
        pendingA = a.droppingFirst(1 + empty)
        pendingB = b.droppingFirst(1 + empty)
      }
    }
  }
}
