import SlotAnalytics
import Testing

/// Paired, Welch and one-sample t-tests against scipy 1.17.1, and period matching.
@Suite("Paired comparison")
struct PairedComparisonTests {
  typealias F = AnalyticsFixture

  static let returnsA = [0.010, -0.004, 0.007, 0.002, -0.001, 0.012, 0.003, -0.006]
  static let returnsB = [0.006, -0.005, 0.004, 0.003, -0.004, 0.008, 0.001, -0.007]

  static func moments(_ values: [Double]) -> RunningMoments {
    var moments = RunningMoments()
    for value in values { moments.add(value) }
    return moments
  }

  static func close(_ index: Int64, _ periodReturn: Double, empty: Int64 = 0, interval: Int64 = 10)
    -> PeriodClose
  {
    PeriodClose(
      index: index, endTime: (index + 1) * interval, intervalNanoseconds: interval,
      periodReturn: periodReturn, emptyPeriodsAfter: empty)
  }

  @Test("paired t-test: scipy.stats.ttest_rel gives t 3.480484514416035, p 0.0102595495645017")
  func pairedTest() {
    var comparison = PairedComparison()
    for (a, b) in zip(Self.returnsA, Self.returnsB) { comparison.add(returnA: a, returnB: b) }
    let result = comparison.result
    #expect(result.test == .paired)
    #expect(result.pairs == 8)
    #expect(result.degreesOfFreedom == 7)
    #expect(abs(result.meanDifference - 0.002125) < 1e-15)
    #expect(abs(result.tStatistic! - 3.480484514416035) < 1e-10)
    #expect(abs(result.pValue! - 0.0102595495645017) < 1e-12)
    #expect(abs(result.confidence! - (1 - 0.0102595495645017)) < 1e-12)
  }

  @Test("fewer than two pairs, or identical returns, give no statistic")
  func undefinedPairedTest() {
    var comparison = PairedComparison()
    comparison.add(returnA: 0.01, returnB: 0)
    #expect(comparison.result.tStatistic == nil)
    #expect(comparison.result.pValue == nil)
    #expect(comparison.result.confidence == nil)
    var same = PairedComparison()
    for r in Self.returnsA { same.add(returnA: r, returnB: r) }
    #expect(same.result.pairs == 8)
    #expect(same.result.tStatistic == nil)
    #expect(same.result.degreesOfFreedom == 0)
  }

  @Test(
    "Welch: scipy.stats.ttest_ind(equal_var=False) gives t 1.6530350753406515, p 0.14824732750038525"
  )
  func welch() {
    let a = Self.moments([12.5, -3.0, 7.25, 4.0, -1.5, 9.0])
    let b = Self.moments([2.0, -4.5, 1.0, 3.5, -2.0, 0.5, -1.0, 1.5, 2.5])
    let result = PairedComparison.welch(a, b)
    #expect(result.test == .welch)
    #expect(result.countA == 6)
    #expect(result.countB == 9)
    #expect(result.pairs == 0)
    #expect(abs(result.meanDifference - 4.319444444444444) < 1e-13)
    #expect(abs(result.tStatistic! - 1.6530350753406515) < 1e-12)
    #expect(abs(result.degreesOfFreedom - 6.144205534232858) < 1e-12)
    #expect(abs(result.pValue! - 0.14824732750038525) < 1e-12)
  }

  @Test("Welch is undefined below two values on a side or with no dispersion at all")
  func welchUndefined() {
    let one = Self.moments([3])
    let flat = Self.moments([2, 2, 2])
    let spread = Self.moments([1, 2, 4])
    #expect(PairedComparison.welch(one, spread).tStatistic == nil)
    #expect(PairedComparison.welch(flat, Self.moments([5, 5])).tStatistic == nil)
    // One flat side is fine: the other's variance carries the test.
    let half = PairedComparison.welch(flat, spread)
    #expect(half.tStatistic != nil)
    #expect(abs(half.degreesOfFreedom - 2) < 1e-12)
  }

  @Test("one-sample: scipy.stats.ttest_1samp gives t 1.2571604557248555, p 0.2490154772446971")
  func oneSample() {
    let result = PairedComparison.oneSample(Self.moments(Self.returnsA))
    #expect(result.test == .oneSample)
    #expect(abs(result.meanDifference - 0.002875) < 1e-15)
    #expect(abs(result.tStatistic! - 1.2571604557248555) < 1e-10)
    #expect(abs(result.pValue! - 0.2490154772446971) < 1e-12)
    #expect(result.degreesOfFreedom == 7)
  }

  @Test("two trackers fed the same events pair every period, gaps included")
  func trackersPair() throws {
    var a = try PerformanceTracker(intervalNanoseconds: 10, startTime: 0, startEquity: 100)
    var b = try PerformanceTracker(intervalNanoseconds: 10, startTime: 0, startEquity: 100)
    var comparison = PairedComparison()
    var manual = PairedComparison()
    let events: [(Int64, Double, Double)] = [
      (4, 101, 100.5), (12, 102, 100), (25, 99, 101), (61, 103, 101.5), (72, 104, 101),
      (95, 104, 101),
    ]
    for (time, equityA, equityB) in events {
      let closeA = a.observe(time: time, equity: equityA)
      let closeB = b.observe(time: time, equity: equityB)
      if let closeA { comparison.record(closeA, side: .a) }
      if let closeB { comparison.record(closeB, side: .b) }
      if let closeA, let closeB {
        manual.add(returnA: closeA.periodReturn, returnB: closeB.periodReturn)
        for _ in 0..<closeA.emptyPeriodsAfter { manual.add(returnA: 0, returnB: 0) }
      }
    }
    #expect(a.periods == 9)
    #expect(comparison.differences.count == 9)
    #expect(comparison.unpairedPeriods == 0)
    #expect(abs(comparison.result.tStatistic! - manual.result.tStatistic!) < 1e-12)
    #expect(comparison.result.pairs == 9)
  }

  @Test("a canary started later on the same grid pairs from its first period")
  func laterStart() throws {
    var production = try PerformanceTracker(intervalNanoseconds: 10, startTime: 0, startEquity: 100)
    var canary = try PerformanceTracker(intervalNanoseconds: 10, startTime: 20, startEquity: 50)
    var comparison = PairedComparison()
    for (time, equity) in [(Int64(5), 101.0), (15, 102), (25, 103), (35, 101), (45, 104)] {
      if let close = production.observe(time: time, equity: equity) {
        comparison.record(close, side: .b)
      }
      if time >= 20, let close = canary.observe(time: time, equity: equity / 2 + 1) {
        comparison.record(close, side: .a)
      }
    }
    // Production closed periods ending 10, 20, 30, 40; the canary those ending 30, 40.
    #expect(production.periods == 4)
    #expect(canary.periods == 2)
    #expect(comparison.differences.count == 2)
    #expect(comparison.unpairedPeriods == 2)
  }

  @Test("runs of empty periods of different lengths pair period by period")
  func unevenRuns() {
    var comparison = PairedComparison()
    comparison.record(Self.close(3, 0.02, empty: 2), side: .a)  // periods 3, 4, 5
    comparison.record(Self.close(3, 0.01), side: .b)  // period 3
    #expect(comparison.differences.count == 1)
    comparison.record(Self.close(4, -0.01, empty: 1), side: .b)  // periods 4, 5
    #expect(comparison.differences.count == 3)
    #expect(abs(comparison.differences.mean - (0.01 + 0.01 + 0) / 3) < 1e-15)
    #expect(comparison.unpairedPeriods == 0)
  }

  @Test("a trillion empty periods on both sides pair in one step", .timeLimit(.minutes(1)))
  func longRunsPairAtOnce() {
    var comparison = PairedComparison()
    comparison.record(Self.close(0, 0.01, empty: 1_000_000_000_000, interval: 1), side: .a)
    comparison.record(Self.close(0, 0.02, empty: 1_000_000_000_000, interval: 1), side: .b)
    #expect(comparison.differences.count == 1_000_000_000_001)
    #expect(abs(comparison.differences.mean - -0.01 / 1_000_000_000_001) < 1e-24)
    #expect(comparison.unpairedPeriods == 0)
  }

  @Test(
    "periods one side skipped, stale, out-of-order, off-grid or other-interval closes are unpaired")
  func unpaired() {
    var comparison = PairedComparison()
    // B skips period 0: A's period 0 can never pair.
    comparison.record(Self.close(0, 0.01), side: .a)
    comparison.record(Self.close(1, 0.02), side: .b)
    #expect(comparison.unpairedPeriods == 1)
    comparison.record(Self.close(1, 0.03), side: .a)
    #expect(comparison.differences.count == 1)
    // A runs two closes ahead: its older pending close is dropped.
    comparison.record(Self.close(2, 0.01), side: .a)
    comparison.record(Self.close(3, 0.01), side: .a)
    #expect(comparison.unpairedPeriods == 2)
    comparison.record(Self.close(3, 0.0), side: .b)
    #expect(comparison.differences.count == 2)
    // Out of order for B, and another interval: ignored.
    comparison.record(Self.close(2, 0.0), side: .b)
    comparison.record(Self.close(4, 0.0, interval: 5), side: .b)
    #expect(comparison.unpairedPeriods == 4)
    // Off the grid: end times 5 ns apart never line up.
    var offGrid = PairedComparison()
    offGrid.record(Self.close(4, 0.01, empty: 3), side: .a)
    var shifted = Self.close(4, 0.01, empty: 3)
    shifted.endTime += 5
    offGrid.record(shifted, side: .b)
    #expect(offGrid.differences.count == 0)
    #expect(offGrid.unpairedPeriods == 8)
  }
}
