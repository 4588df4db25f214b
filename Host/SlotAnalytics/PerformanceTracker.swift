/// The live record of one strategy version in one slot: equity sampled on a fixed grid of
/// periods, drawdown, round trips and errors. The host keeps one per slot (production, canary,
/// shadow, A/B) and judges versions with `Scorecard`, `PairedComparison`, `PromotionRule` and
/// `RollbackRule`.
///
/// Periods: period `k` is the interval `(startTime + k·I, startTime + (k+1)·I]` of
/// `I = intervalNanoseconds`, ends included, because an event's time is the time its data is
/// known (a bar is stamped with its close): equity observed exactly at a boundary is the equity at
/// that boundary. An event at `startTime` itself belongs to period 0. A period's return is
/// `closing equity / opening equity - 1`, where its closing equity is the equity of the last
/// observation in it and its opening equity is the previous period's closing equity
/// (`startEquity` for period 0).
///
/// Gaps: when an observation lands `k` periods past the current one, the current period closes
/// with the latest equity seen before it, and the `k - 1` periods in between, which saw no event,
/// each close with a return of exactly 0. That is what a quant expects: nothing was marked, so the
/// equity did not move, and `sharpe` annualises by calendar periods (365.25 days a year), which is
/// only consistent if every calendar period contributes a return; skipping quiet periods (nights,
/// weekends) would overstate the volatility per period. A period that opens at zero or negative
/// equity has no defined return: it counts in `periods` and in `returns.rejected`.
///
/// Drawdown: `(peakEquity - equity) / peakEquity` after every observation, the peak starting at
/// `startEquity`; `maxDrawdown` is its largest value, capped at 1 (everything lost).
///
/// Time: ns since the Unix epoch, passed in by the caller. An observation earlier than the latest
/// one (or than `startTime`) counts as at the latest one. An observation with a non-finite equity
/// is ignored and counted in `rejectedObservations`.
///
/// Contract: a value type for one owner on one thread (the kernel thread). `observe`,
/// `recordTrade` and `recordError` are called per event, never block and never allocate;
/// `observe` costs a few comparisons unless a period boundary passed, and O(1) then, whatever the
/// gap.
public struct PerformanceTracker: Sendable {
  /// The period length, ns (above 0).
  public let intervalNanoseconds: Int64
  /// Where the period grid starts, ns since the Unix epoch.
  public let startTime: Int64
  /// Equity at `startTime` (above 0).
  public let startEquity: Double
  /// The latest observed equity (`startEquity` before the first observation).
  public private(set) var lastEquity: Double
  /// The latest observation's time (`startTime` before the first observation).
  public private(set) var lastTime: Int64
  /// The highest equity seen, starting at `startEquity`.
  public private(set) var peakEquity: Double
  /// The largest fall from the running peak, as a fraction of the peak, in `0...1`.
  public private(set) var maxDrawdown: Double
  /// Moments of the closed periods' returns (undefined returns in `returns.rejected`).
  public private(set) var returns: RunningMoments
  /// Periods closed so far.
  public private(set) var periods: Int
  /// What the latest boundary crossing closed (`nil` before the first).
  public private(set) var lastClosedPeriod: PeriodClose?
  /// Round trips recorded by `recordTrade` with a finite PnL.
  public var trades: Int { tradePnL.count }
  /// Round trips with a PnL above 0.
  public private(set) var winningTrades: Int
  /// Moments of the round trips' PnL (non-finite values in `tradePnL.rejected`).
  public private(set) var tradePnL: RunningMoments
  /// Errors recorded by `recordError`.
  public private(set) var errors: Int
  /// Observations ignored for a non-finite equity.
  public private(set) var rejectedObservations: Int
  /// Index of the period the latest observation fell in.
  public private(set) var currentPeriodIndex: Int64
  /// The current period's closing boundary (`Int64.max` if it lies beyond the representable
  /// range).
  private var periodEnd: Int64
  /// The current period's opening equity.
  private var periodOpenEquity: Double

  /// A tracker with no observation yet. Throws every problem at once: `intervalNanoseconds` must
  /// be above 0 and `startEquity` finite and above 0.
  public init(intervalNanoseconds: Int64, startTime: Int64, startEquity: Double)
    throws(AnalyticsConfigurationError)
  {
    var problems: [AnalyticsConfigurationError.Problem] = []
    if intervalNanoseconds <= 0 {
      problems.append(
        .notPositive(field: "intervalNanoseconds", value: Double(intervalNanoseconds)))
    }
    if !startEquity.isFinite {
      problems.append(.notFinite(field: "startEquity", value: startEquity))
    } else if startEquity <= 0 {
      problems.append(.notPositive(field: "startEquity", value: startEquity))
    }
    guard problems.isEmpty else { throw AnalyticsConfigurationError(problems: problems) }
    self.intervalNanoseconds = intervalNanoseconds
    self.startTime = startTime
    self.startEquity = startEquity
    lastEquity = startEquity
    lastTime = startTime
    peakEquity = startEquity
    maxDrawdown = 0
    returns = RunningMoments()
    periods = 0
    lastClosedPeriod = nil
    winningTrades = 0
    tradePnL = RunningMoments()
    errors = 0
    rejectedObservations = 0
    currentPeriodIndex = 0
    periodEnd = 0
    periodOpenEquity = startEquity
    periodEnd = boundary(after: 0)
  }

  /// Records the slot's mark-to-market equity at `time`; returns what it closed when it crossed
  /// one or more period boundaries (also kept in `lastClosedPeriod`), else `nil`. Per event,
  /// allocation-free, O(1).
  @discardableResult
  public mutating func observe(time: Int64, equity: Double) -> PeriodClose? {
    guard equity.isFinite else {
      rejectedObservations += 1
      return nil
    }
    let closed: PeriodClose? = time > periodEnd ? closePeriods(before: time) : nil
    if time > lastTime { lastTime = time }
    lastEquity = equity
    if equity > peakEquity {
      peakEquity = equity
    } else {
      let drawdown = (peakEquity - equity) / peakEquity
      if drawdown > maxDrawdown { maxDrawdown = min(drawdown, 1) }
    }
    return closed
  }

  /// Records one finished round trip and its PnL (net of fees). A non-finite `pnl` counts only in
  /// `tradePnL.rejected`. Allocation-free.
  public mutating func recordTrade(pnl: Double) {
    tradePnL.add(pnl)
    if pnl.isFinite && pnl > 0 { winningTrades += 1 }
  }

  /// Records one error of the slot's strategy (a plugin error, a rejected callback). Allocation-free.
  public mutating func recordError() {
    errors += 1
  }

  /// `lastEquity - startEquity`.
  public var pnl: Double { lastEquity - startEquity }

  /// `lastEquity / startEquity - 1`.
  public var returnFraction: Double { lastEquity / startEquity - 1 }

  /// Time from `startTime` to the latest observation, ns.
  public var elapsedNanoseconds: Int64 { Self.distance(from: startTime, to: lastTime) }

  /// Periods in a year of 365.25 days.
  public var periodsPerYear: Double { 365.25 * 86_400e9 / Double(intervalNanoseconds) }

  /// The annualised Sharpe ratio of the closed periods' returns (risk-free rate 0):
  /// `mean / sample standard deviation × sqrt(periodsPerYear)`. `nil` with fewer than two defined
  /// returns or when they are all equal.
  public var sharpe: Double? {
    guard let deviation = returns.standardDeviation, deviation > 0 else { return nil }
    return returns.mean / deviation * periodsPerYear.squareRoot()
  }

  /// Closes the current period and the empty ones up to the period of `time` (after
  /// `periodEnd`). O(1).
  private mutating func closePeriods(before time: Int64) -> PeriodClose {
    let elapsed = UInt64(Self.distance(from: startTime, to: time))
    let newIndex = Int64(clamping: (elapsed - 1) / UInt64(intervalNanoseconds))
    let closedCount = newIndex - currentPeriodIndex
    let periodReturn = periodOpenEquity > 0 ? lastEquity / periodOpenEquity - 1 : .nan
    let emptyReturn = lastEquity > 0 ? 0 : Double.nan
    returns.add(periodReturn)
    returns.add(emptyReturn, times: Int(closedCount - 1))
    periods += Int(closedCount)
    let closed = PeriodClose(
      index: currentPeriodIndex, endTime: periodEnd, intervalNanoseconds: intervalNanoseconds,
      periodReturn: periodReturn, emptyPeriodsAfter: closedCount - 1,
      emptyPeriodReturn: emptyReturn)
    lastClosedPeriod = closed
    currentPeriodIndex = newIndex
    periodEnd = boundary(after: newIndex)
    periodOpenEquity = lastEquity
    return closed
  }

  /// The closing boundary of period `index`, saturating at `Int64.max`.
  private func boundary(after index: Int64) -> Int64 {
    let (span, spanOverflow) = (index + 1).multipliedReportingOverflow(by: intervalNanoseconds)
    let (end, endOverflow) = startTime.addingReportingOverflow(span)
    return spanOverflow || endOverflow ? .max : end
  }

  /// `to - from` for `to >= from` (0 otherwise), saturating at `Int64.max`.
  private static func distance(from: Int64, to: Int64) -> Int64 {
    guard to > from else { return 0 }
    return Int64(clamping: UInt64(bitPattern: to &- from))
  }
}
