import SlotAnalytics
import Testing

/// Every rollback trigger, in its order, and the expectation check.
@Suite("Rollback rule")
struct RollbackRuleTests {
  typealias F = AnalyticsFixture

  static let steady = [0.004, -0.003, 0.005, 0.001, -0.002, 0.003, 0.002, -0.001]

  static func tracker(_ returns: [Double] = steady, errors: Int = 0) throws -> PerformanceTracker {
    var tracker = try F.daily(F.path(returns))
    for _ in 0..<errors { tracker.recordError() }
    return tracker
  }

  static func evidence(_ decision: RollbackDecision) -> Evidence? {
    if case .rollBack(let evidence) = decision { return evidence }
    return nil
  }

  @Test("a healthy version within every limit is kept")
  func keeps() throws {
    let tracker = try Self.tracker()
    let sharpe = try #require(tracker.sharpe)
    let expectation = RollbackRule.Expectation(
      sharpe: sharpe + 0.5, tolerance: 1, minPeriods: 5, twoSided: true)
    let rule = RollbackRule(maxDrawdown: 0.05, expectation: expectation)
    #expect(rule.evaluate(tracker, health: SlotHealth()) == .keep)
  }

  @Test("a breached risk limit rolls back, unless onLimitBreach is off")
  func limitBreach() throws {
    let health = SlotHealth(limitBreached: "the day's loss reached its limit")
    let decision = RollbackRule().evaluate(try Self.tracker(errors: 1), health: health)
    #expect(
      Self.evidence(decision)
        == Evidence(reason: "the slot breached a risk limit: the day's loss reached its limit"))
    let ignoring = RollbackRule(onLimitBreach: false)
    #expect(ignoring.evaluate(try Self.tracker(), health: health) == .keep)
  }

  @Test("a tripped breaker rolls back, unless onBreakerTrip is off")
  func breakerTrip() throws {
    let health = SlotHealth(breakerTripped: "plugin error rate 0.6 >= 0.5")
    let decision = RollbackRule().evaluate(try Self.tracker(), health: health)
    #expect(
      Self.evidence(decision)?.reason
        == "a health breaker of the slot tripped: plugin error rate 0.6 >= 0.5")
    #expect(
      RollbackRule(onBreakerTrip: false).evaluate(try Self.tracker(), health: health) == .keep)
  }

  @Test("with the default maxErrors of 0 the first error rolls back")
  func errors() throws {
    let decision = RollbackRule().evaluate(try Self.tracker(errors: 1), health: SlotHealth())
    #expect(
      Self.evidence(decision)
        == Evidence(
          reason: "the version had more errors than the rollback rule allows",
          figures: [Evidence.Figure("errors", 1), Evidence.Figure("error limit", 0)]))
    #expect(
      RollbackRule(maxErrors: 1).evaluate(try Self.tracker(errors: 1), health: SlotHealth())
        == .keep)
  }

  @Test("a maximum drawdown above the limit rolls back, even after a recovery")
  func drawdown() throws {
    let tracker = try Self.tracker([0.01, -0.06, 0.08])
    let decision = RollbackRule(maxDrawdown: 0.05).evaluate(tracker, health: SlotHealth())
    let evidence = try #require(Self.evidence(decision))
    #expect(evidence.reason == "the version's maximum drawdown exceeded the rollback limit")
    #expect(abs(evidence.value(of: "drawdown")! - 0.06) < 1e-12)
    #expect(evidence.value(of: "drawdown limit") == 0.05)
    #expect(RollbackRule(maxDrawdown: 0.07).evaluate(tracker, health: SlotHealth()) == .keep)
  }

  @Test("a sharpe below expectation minus tolerance rolls back once minPeriods have closed")
  func expectationShortfall() throws {
    let tracker = try Self.tracker()
    let sharpe = try #require(tracker.sharpe)
    let expectation = RollbackRule.Expectation(sharpe: sharpe + 1.5, tolerance: 1, minPeriods: 8)
    let decision = RollbackRule(expectation: expectation).evaluate(tracker, health: SlotHealth())
    #expect(
      Self.evidence(decision)
        == Evidence(
          reason: "the version's sharpe fell below its expectation minus the tolerance",
          figures: [
            Evidence.Figure("sharpe", sharpe), Evidence.Figure("expected sharpe", sharpe + 1.5),
            Evidence.Figure("tolerance", 1), Evidence.Figure("periods", 8),
          ]))
    var early = expectation
    early.minPeriods = 9
    #expect(RollbackRule(expectation: early).evaluate(tracker, health: SlotHealth()) == .keep)
    var tolerant = expectation
    tolerant.tolerance = 2
    #expect(RollbackRule(expectation: tolerant).evaluate(tracker, health: SlotHealth()) == .keep)
  }

  @Test("a sharpe far above expectation rolls back only when the expectation is two-sided")
  func expectationExcess() throws {
    let tracker = try Self.tracker()
    let sharpe = try #require(tracker.sharpe)
    let oneSided = RollbackRule.Expectation(sharpe: sharpe - 1.5, tolerance: 1, minPeriods: 2)
    #expect(RollbackRule(expectation: oneSided).evaluate(tracker, health: SlotHealth()) == .keep)
    var twoSided = oneSided
    twoSided.twoSided = true
    let decision = RollbackRule(expectation: twoSided).evaluate(tracker, health: SlotHealth())
    #expect(
      Self.evidence(decision)?.reason
        == "the version's sharpe rose above its expectation plus the tolerance (two-sided expectation)"
    )
  }

  @Test("an undefined sharpe (flat equity) never fires the expectation")
  func flatEquity() throws {
    let tracker = try F.daily([100, 100, 100, 100])
    let expectation = RollbackRule.Expectation(sharpe: 1.5, tolerance: 0.5, minPeriods: 2)
    #expect(tracker.periods == 4)
    #expect(RollbackRule(expectation: expectation).evaluate(tracker, health: SlotHealth()) == .keep)
  }

  @Test("validate reports every problem at once and accepts the defaults")
  func validation() throws {
    try RollbackRule().validate()
    try RollbackRule(
      maxDrawdown: 1, expectation: RollbackRule.Expectation(sharpe: -1, tolerance: 0, minPeriods: 2)
    ).validate()
    let bad = RollbackRule(
      maxDrawdown: 1.5, maxErrors: -1,
      expectation: RollbackRule.Expectation(sharpe: .infinity, tolerance: -1, minPeriods: 1))
    #expect(
      throws: AnalyticsConfigurationError(problems: [
        .outOfRange(field: "maxDrawdown", value: 1.5, range: "(0, 1]"),
        .belowMinimum(field: "maxErrors", value: -1, minimum: 0),
        .notFinite(field: "expectation.sharpe", value: .infinity),
        .negative(field: "expectation.tolerance", value: -1),
        .belowMinimum(field: "expectation.minPeriods", value: 1, minimum: 2),
      ])
    ) {
      try bad.validate()
    }
  }
}
