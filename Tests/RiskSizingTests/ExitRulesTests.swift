import RiskSizing
import Testing

@Suite("ExitRules")
struct ExitRulesTests {
  @Test("no rules and the documented defaults are valid")
  func defaults() {
    #expect(ExitRules().problems.isEmpty)
    let rules = ExitRules(
      stopLoss: StopLossRule(), trailingStop: .atrMultiple(3), takeProfit: TakeProfitLadder(),
      maxHoldingNanos: 86_400_000_000_000)
    #expect(rules.problems.isEmpty)
    #expect(rules.stopLoss?.atrMultiple == 2)
    #expect(rules.takeProfit?.rungs.map(\.rMultiple) == [1.5, 2, 3])
    #expect(rules.takeProfit?.rungs.map(\.fraction) == [0.33, 0.33, 0.34])
    #expect(rules.takeProfit?.moveStopToBreakEven == true)
  }

  @Test("every problem is reported at once, in declaration order")
  func everyProblem() {
    let rules = ExitRules(
      stopLoss: StopLossRule(atrMultiple: -1), trailingStop: .fraction(1.5),
      takeProfit: TakeProfitLadder(rungs: [
        .init(rMultiple: 2, fraction: 0.5), .init(rMultiple: 1.5, fraction: 0),
        .init(rMultiple: .nan, fraction: 0.2),
      ]),
      maxHoldingNanos: 0)
    #expect(
      rules.problems.map(\.field) == [
        "stopLoss.atrMultiple", "trailingStop.fraction", "takeProfit.rungs[1].rMultiple",
        "takeProfit.rungs[1].fraction", "takeProfit.rungs[2].rMultiple", "takeProfit.rungs",
        "maxHoldingNanos",
      ])
    guard case .failure(let error) = ExitTracker.make(rules: rules, instrument: Fixtures.spy)
    else {
      Issue.record("invalid rules were accepted")
      return
    }
    #expect(error.problems == rules.problems)
    #expect(error.description.contains("stopLoss.atrMultiple: must be a positive number"))
  }

  @Test("a ladder needs a stop (R), at least one rung and fractions adding up to 1")
  func ladderNeedsStop() {
    #expect(
      ExitRules(takeProfit: TakeProfitLadder()).problems.map(\.field) == ["takeProfit"])
    #expect(
      ExitRules(stopLoss: StopLossRule(), takeProfit: TakeProfitLadder(rungs: [])).problems
        .map(\.field) == ["takeProfit.rungs"])
    let short = TakeProfitLadder(rungs: [.init(rMultiple: 1, fraction: 0.5)])
    #expect(ExitRules(stopLoss: StopLossRule(), takeProfit: short).problems.count == 1)
    let many = TakeProfitLadder(
      rungs: (1...17).map { .init(rMultiple: Double($0), fraction: 1.0 / 17) })
    #expect(ExitRules(stopLoss: StopLossRule(), takeProfit: many).problems.count == 1)
    #expect(ExitRules(trailingStop: .atrMultiple(0)).problems.count == 1)
  }
}
