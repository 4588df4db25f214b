import SlotAnalytics
import Testing

/// The tracker's period grid, gaps, drawdown, trades and Sharpe ratio on hand-computed series.
@Suite("Performance tracker")
struct PerformanceTrackerTests {
  typealias F = AnalyticsFixture

  @Test("a bad configuration reports every problem at once")
  func configuration() {
    #expect(
      throws: AnalyticsConfigurationError(problems: [
        .notPositive(field: "intervalNanoseconds", value: 0),
        .notFinite(field: "startEquity", value: .infinity),
      ])
    ) {
      try PerformanceTracker(intervalNanoseconds: 0, startTime: 0, startEquity: .infinity)
    }
    #expect(
      throws: AnalyticsConfigurationError(problems: [
        .notPositive(field: "startEquity", value: -5)
      ])
    ) {
      try PerformanceTracker(intervalNanoseconds: 10, startTime: 0, startEquity: -5)
    }
  }

  @Test("periods end at their boundary, inclusive; a gap closes the current period and adds 0s")
  func intervalsAndGaps() throws {
    var tracker = try PerformanceTracker(intervalNanoseconds: 10, startTime: 0, startEquity: 100)
    #expect(tracker.observe(time: 5, equity: 110) == nil)
    // Exactly at the boundary: still period 0, its closing equity.
    #expect(tracker.observe(time: 10, equity: 120) == nil)
    #expect(tracker.periods == 0)
    // Past it: period 0 closes at 120 (+20%).
    let first = tracker.observe(time: 11, equity: 108)
    #expect(
      first
        == PeriodClose(
          index: 0, endTime: 10, intervalNanoseconds: 10, periodReturn: 0.19999999999999996))
    #expect(tracker.currentPeriodIndex == 1)
    // Three boundaries later: period 1 closes at 108 (-10%), period 2 saw nothing (0).
    let secondResult = tracker.observe(time: 35, equity: 99)
    let second = try #require(secondResult)
    #expect(second.index == 1)
    #expect(second.endTime == 20)
    #expect(abs(second.periodReturn - (108.0 / 120 - 1)) < 1e-15)
    #expect(second.emptyPeriodsAfter == 1)
    #expect(second.emptyPeriodReturn == 0)
    #expect(second.lastIndex == 2)
    #expect(tracker.lastClosedPeriod == second)
    #expect(tracker.periods == 3)
    #expect(tracker.currentPeriodIndex == 3)
    // Returns 0.2, -0.1, 0: mean 1/30, sample variance 0.07/3 (numpy).
    #expect(tracker.returns.count == 3)
    #expect(abs(tracker.returns.mean - 0.03333333333333335) < 1e-15)
    #expect(abs(tracker.returns.variance! - 0.023333333333333334) < 1e-15)
    // Annualised over 365.25 days of 10 ns periods (numpy: 12258641.267052636).
    #expect(abs(tracker.sharpe! / 12258641.267052636 - 1) < 1e-12)
    #expect(tracker.elapsedNanoseconds == 35)
    // Period 3 opened at 108, the equity carried through the empty period 2.
    let thirdResult = tracker.observe(time: 41, equity: 99)
    let third = try #require(thirdResult)
    #expect(abs(third.periodReturn - (99.0 / 108 - 1)) < 1e-15)
  }

  @Test("a first observation after several empty periods closes them at the start equity")
  func quietStart() throws {
    var tracker = try PerformanceTracker(
      intervalNanoseconds: F.day, startTime: F.start, startEquity: 1_000)
    let closeResult = tracker.observe(time: F.start + 2 * F.day + 1, equity: 1_010)
    let close = try #require(closeResult)
    #expect(close.index == 0)
    #expect(close.periodReturn == 0)
    #expect(close.emptyPeriodsAfter == 1)
    #expect(tracker.periods == 2)
    #expect(tracker.sharpe == nil)  // 0, 0: no dispersion
  }

  @Test("a gap of a trillion periods is closed in one step")
  func hugeGap() throws {
    var tracker = try PerformanceTracker(intervalNanoseconds: 1, startTime: 0, startEquity: 50)
    tracker.observe(time: 1, equity: 55)
    let closeResult = tracker.observe(time: 1_000_000_000_002, equity: 60)
    let close = try #require(closeResult)
    #expect(close.index == 0)
    #expect(close.emptyPeriodsAfter == 1_000_000_000_000)
    #expect(tracker.periods == 1_000_000_000_001)
    #expect(tracker.returns.count == 1_000_000_000_001)
    #expect(abs(tracker.returns.mean - 0.1 / 1_000_000_000_001) < 1e-24)
  }

  @Test("drawdown is the largest fall from the running peak; pnl and return use the last equity")
  func drawdown() throws {
    var tracker = try PerformanceTracker(intervalNanoseconds: F.day, startTime: 0, startEquity: 100)
    for (time, equity) in [(1, 110.0), (2, 88), (3, 120), (4, 102)] {
      tracker.observe(time: Int64(time), equity: equity)
    }
    #expect(tracker.peakEquity == 120)
    #expect(abs(tracker.maxDrawdown - 0.2) < 1e-15)  // 110 -> 88
    #expect(tracker.lastEquity == 102)
    #expect(tracker.pnl == 2)
    #expect(abs(tracker.returnFraction - 0.02) < 1e-15)
    #expect(tracker.startEquity == 100)
  }

  @Test("negative equity: drawdown capped at 1, the next period's return undefined")
  func negativeEquity() throws {
    var tracker = try PerformanceTracker(intervalNanoseconds: 10, startTime: 0, startEquity: 100)
    tracker.observe(time: 5, equity: -20)
    #expect(tracker.maxDrawdown == 1)
    let firstResult = tracker.observe(time: 15, equity: -10)
    let first = try #require(firstResult)
    #expect(first.periodReturn == -1.2)
    let secondResult = tracker.observe(time: 35, equity: 5)
    let second = try #require(secondResult)
    #expect(second.periodReturn.isNaN)
    #expect(second.emptyPeriodReturn.isNaN)
    #expect(tracker.periods == 3)
    #expect(tracker.returns.count == 1)
    #expect(tracker.returns.rejected == 2)
  }

  @Test("late and non-finite observations: time never runs back, bad equity is ignored")
  func lateAndBadObservations() throws {
    var tracker = try PerformanceTracker(intervalNanoseconds: 10, startTime: 100, startEquity: 100)
    tracker.observe(time: 108, equity: 101)
    #expect(tracker.observe(time: 90, equity: 102) == nil)
    #expect(tracker.lastTime == 108)
    #expect(tracker.lastEquity == 102)
    #expect(tracker.observe(time: 500, equity: .nan) == nil)
    #expect(tracker.rejectedObservations == 1)
    #expect(tracker.lastTime == 108)
    #expect(tracker.periods == 0)
    #expect(tracker.elapsedNanoseconds == 8)
  }

  @Test("round trips, winners, trade PnL moments and errors")
  func tradesAndErrors() throws {
    var tracker = try PerformanceTracker(intervalNanoseconds: 10, startTime: 0, startEquity: 100)
    for pnl in [10.0, -5, 0, .nan] { tracker.recordTrade(pnl: pnl) }
    tracker.recordError()
    tracker.recordError()
    #expect(tracker.trades == 3)
    #expect(tracker.winningTrades == 1)
    #expect(abs(tracker.tradePnL.mean - 5.0 / 3) < 1e-15)
    #expect(tracker.tradePnL.rejected == 1)
    #expect(tracker.errors == 2)
  }

  @Test("daily Sharpe: mean / sd × sqrt(365.25); nil below two periods or with no dispersion")
  func sharpe() throws {
    let returns = [0.01, -0.005, 0.004, 0.002]
    let tracker = try F.daily(F.path(returns))
    #expect(tracker.periods == 4)
    let mean = returns.reduce(0, +) / 4
    let sd = (returns.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / 3).squareRoot()
    #expect(abs(tracker.sharpe! - mean / sd * 365.25.squareRoot()) < 1e-9)
    #expect(abs(tracker.periodsPerYear - 365.25) < 1e-12)
    #expect(try F.daily([101]).sharpe == nil)
    #expect(try F.daily([100, 100, 100]).sharpe == nil)
  }
}
