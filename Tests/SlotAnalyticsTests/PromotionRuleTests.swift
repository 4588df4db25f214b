import SlotAnalytics
import Testing

/// Every branch of the promotion rule, in its order.
@Suite("Promotion rule")
struct PromotionRuleTests {
  typealias F = AnalyticsFixture

  static let goodReturns = [0.010, 0.004, 0.008, -0.002, 0.006, 0.009, 0.003, 0.005]
  static let productionReturns = [0.004, -0.003, 0.005, 0.001, -0.002, 0.003, 0.002, -0.001]

  /// A candidate with a high Sharpe ratio, `trades` winning round trips and `errors` errors.
  static func candidate(
    _ returns: [Double] = goodReturns, trades: Int = 40, errors: Int = 0
  ) throws -> PerformanceTracker {
    var tracker = try F.daily(F.path(returns))
    for _ in 0..<trades { tracker.recordTrade(pnl: 1) }
    for _ in 0..<errors { tracker.recordError() }
    return tracker
  }

  static func production() throws -> PerformanceTracker {
    try F.daily(F.path(productionReturns))
  }

  static func isWait(_ decision: PromotionDecision, containing text: String) -> Bool {
    if case .wait(let reason) = decision { return reason.contains(text) }
    return false
  }

  static func isBlocked(_ decision: PromotionDecision, containing text: String) -> Bool {
    if case .blocked(let reason) = decision { return reason.contains(text) }
    return false
  }

  static func evidence(_ decision: PromotionDecision) -> Evidence? {
    if case .promote(let evidence) = decision { return evidence }
    return nil
  }

  @Test("a candidate that meets every rule is promoted with the figures that decided it")
  func promotes() throws {
    let candidate = try Self.candidate()
    let production = try Self.production()
    let rule = PromotionRule(minTrades: 30, minDays: 14, maxDrawdown: 0.05)
    let decision = rule.evaluate(candidate: candidate, production: production, frozen: false)
    let evidence = try #require(Self.evidence(decision))
    #expect(
      evidence.reason == "the candidate met every promotion rule (baseline: production's sharpe)")
    let days = Double(8 * F.day + 1) / Double(F.day)
    #expect(
      evidence.figures == [
        Evidence.Figure("trades", 40), Evidence.Figure("minimum trades", 30),
        Evidence.Figure("days", days), Evidence.Figure("minimum days", 14),
        Evidence.Figure("candidate sharpe", candidate.sharpe!),
        Evidence.Figure("baseline sharpe", production.sharpe!),
        Evidence.Figure("sharpe margin", 0.2), Evidence.Figure("drawdown", candidate.maxDrawdown),
        Evidence.Figure("drawdown limit", 0.05), Evidence.Figure("errors", 0),
        Evidence.Figure("error limit", 0),
      ])
    #expect(evidence.value(of: "trades") == 40)
    #expect(evidence.description.hasPrefix("the candidate met every promotion rule (baseline"))
    #expect(evidence.description.contains("trades 40.0, minimum trades 30.0"))
  }

  @Test("a freeze blocks even a perfect candidate, before anything else")
  func frozen() throws {
    let decision = PromotionRule().evaluate(
      candidate: try Self.candidate(errors: 3), production: nil, frozen: true)
    #expect(Self.isBlocked(decision, containing: "deployments are frozen"))
  }

  @Test("more errors than allowed block; up to the limit they do not")
  func errors() throws {
    let rule = PromotionRule(maxErrors: 2)
    let blocked = rule.evaluate(
      candidate: try Self.candidate(errors: 3), production: nil, frozen: false)
    #expect(Self.isBlocked(blocked, containing: "3 errors, more than the 2 allowed"))
    let passes = rule.evaluate(
      candidate: try Self.candidate(errors: 2), production: nil, frozen: false)
    #expect(Self.evidence(passes)?.value(of: "errors") == 2)
  }

  @Test("a drawdown above the limit blocks, even during the trial")
  func drawdown() throws {
    let candidate = try Self.candidate([0.01, -0.08, 0.05], trades: 0)
    let rule = PromotionRule(minTrades: 30, maxDrawdown: 0.05)
    let decision = rule.evaluate(candidate: candidate, production: nil, frozen: false)
    #expect(Self.isBlocked(decision, containing: "maximum drawdown"))
  }

  @Test("the trial ends after minTrades OR minDays; until then the candidate waits")
  func trial() throws {
    let candidate = try Self.candidate(trades: 12)  // 8 days and 1 ns
    let tradesOnly = PromotionRule(minTrades: 30)
      .evaluate(candidate: candidate, production: nil, frozen: false)
    #expect(Self.isWait(tradesOnly, containing: "12 of 30 trades"))
    let both = PromotionRule(minTrades: 30, minDays: 10)
      .evaluate(candidate: candidate, production: nil, frozen: false)
    #expect(Self.isWait(both, containing: "12 of 30 trades and "))
    #expect(Self.isWait(both, containing: "; either ends it"))
    let daysDone = PromotionRule(minTrades: 30, minDays: 8)
      .evaluate(candidate: candidate, production: nil, frozen: false)
    #expect(Self.evidence(daysDone) != nil)
    let tradesDone = PromotionRule(minTrades: 12, minDays: 30)
      .evaluate(candidate: candidate, production: nil, frozen: false)
    #expect(Self.evidence(tradesDone) != nil)
    let noTrial = PromotionRule().evaluate(
      candidate: try Self.candidate(trades: 0), production: nil, frozen: false)
    #expect(Self.evidence(noTrial)?.figures.contains { $0.name == "minimum trades" } == false)
  }

  @Test("an undefined candidate sharpe waits")
  func undefinedSharpe() throws {
    let decision = PromotionRule().evaluate(
      candidate: try Self.candidate([0.01]), production: try Self.production(), frozen: false)
    #expect(Self.isWait(decision, containing: "sharpe is not defined yet (1 periods)"))
  }

  @Test("a sharpe below production's minus the margin blocks")
  func belowProduction() throws {
    let decision = PromotionRule().evaluate(
      candidate: try Self.candidate(Self.productionReturns.map { $0 - 0.002 }),
      production: try Self.production(), frozen: false)
    #expect(Self.isBlocked(decision, containing: "minus the margin 0.2"))
  }

  @Test("without production, or without its sharpe, the baseline is 0 with the same margin")
  func baselineZero() throws {
    let slightlyNegative = try Self.candidate([0.01, -0.0101])
    let sharpe = try #require(slightlyNegative.sharpe)
    try #require(sharpe < 0 && sharpe > -0.2)
    let promoted = PromotionRule().evaluate(
      candidate: slightlyNegative, production: nil, frozen: false)
    #expect(
      Self.evidence(promoted)?.reason
        == "the candidate met every promotion rule (baseline: 0, as production has no sharpe)")
    #expect(Self.evidence(promoted)?.value(of: "baseline sharpe") == 0)
    let flatProduction = try F.daily([100, 100, 100])
    let againstFlat = PromotionRule(sharpeMargin: 0).evaluate(
      candidate: slightlyNegative, production: flatProduction, frozen: false)
    #expect(Self.isBlocked(againstFlat, containing: "below the baseline 0.0"))
  }

  @Test(
    "minConfidence: low confidence waits, significantly worse blocks, significantly better promotes"
  )
  func confidence() throws {
    let candidate = try Self.candidate()
    let production = try Self.production()
    let rule = PromotionRule(sharpeMargin: 10, minConfidence: 0.95)
    func paired(_ a: [Double], _ b: [Double]) -> ComparisonResult {
      var comparison = PairedComparison()
      for (x, y) in zip(a, b) { comparison.add(returnA: x, returnB: y) }
      return comparison.result
    }
    let better = paired(PairedComparisonTests.returnsA, PairedComparisonTests.returnsB)
    let promoted = rule.evaluate(
      candidate: candidate, production: production, frozen: false, comparison: better)
    let evidence = try #require(Self.evidence(promoted))
    #expect(evidence.value(of: "confidence") == better.confidence)
    #expect(evidence.value(of: "minimum confidence") == 0.95)
    #expect(evidence.value(of: "mean difference") == better.meanDifference)

    let worse = paired(PairedComparisonTests.returnsB, PairedComparisonTests.returnsA)
    let blocked = rule.evaluate(
      candidate: candidate, production: production, frozen: false, comparison: worse)
    #expect(Self.isBlocked(blocked, containing: "earns significantly less"))

    let unclear = paired([0.01, -0.01, 0.02], [0.0, 0.0, 0.01])
    let waits = rule.evaluate(
      candidate: candidate, production: production, frozen: false, comparison: unclear)
    #expect(Self.isWait(waits, containing: "below 0.95"))
  }

  @Test(
    "minConfidence without a comparison: Welch on period returns, or one-sample without production")
  func confidenceFallbacks() throws {
    let candidate = try Self.candidate()
    let production = try Self.production()
    let welch = PairedComparison.welch(candidate.returns, production.returns)
    let oneSample = PairedComparison.oneSample(candidate.returns)
    try #require(welch.confidence! > 0.95 && oneSample.confidence! > 0.99)
    let rule = PromotionRule(minConfidence: 0.95)
    let withProduction = rule.evaluate(candidate: candidate, production: production, frozen: false)
    #expect(Self.evidence(withProduction)?.value(of: "confidence") == welch.confidence)
    let alone = rule.evaluate(candidate: candidate, production: nil, frozen: false)
    #expect(Self.evidence(alone)?.value(of: "confidence") == oneSample.confidence)
    let strict = PromotionRule(minConfidence: 0.999_999)
      .evaluate(candidate: candidate, production: production, frozen: false)
    #expect(Self.isWait(strict, containing: "the confidence that the candidate differs is"))
  }

  @Test("validate reports every problem at once and accepts the defaults")
  func validation() throws {
    try PromotionRule().validate()
    try PromotionRule(minTrades: 0, minDays: 0, sharpeMargin: 0, maxDrawdown: 1, minConfidence: 0.5)
      .validate()
    let bad = PromotionRule(
      minTrades: -1, minDays: .infinity, sharpeMargin: -0.1, maxDrawdown: 0, maxErrors: -2,
      minConfidence: 1)
    #expect(
      throws: AnalyticsConfigurationError(problems: [
        .belowMinimum(field: "minTrades", value: -1, minimum: 0),
        .notFinite(field: "minDays", value: .infinity),
        .negative(field: "sharpeMargin", value: -0.1),
        .outOfRange(field: "maxDrawdown", value: 0, range: "(0, 1]"),
        .belowMinimum(field: "maxErrors", value: -2, minimum: 0),
        .outOfRange(field: "minConfidence", value: 1, range: "(0, 1)"),
      ])
    ) {
      try bad.validate()
    }
  }
}
