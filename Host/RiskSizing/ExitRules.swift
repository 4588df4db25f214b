/// The exits the host enforces for one strategy slot, whatever the strategy does: every part is
/// optional, and `ExitRules()` enforces none. Plain data; validated by `problems` (and by
/// `ExitTracker.make`).
public struct ExitRules: Hashable, Sendable {
  /// The initial ATR stop (also what defines R for the take-profit ladder).
  public var stopLoss: StopLossRule?
  /// The trailing stop.
  public var trailingStop: TrailingStopRule?
  /// The take-profit ladder (needs `stopLoss`, which defines R).
  public var takeProfit: TakeProfitLadder?
  /// Close everything once a trade has been open this long (ns; positive).
  public var maxHoldingNanos: Int64?

  public init(
    stopLoss: StopLossRule? = nil, trailingStop: TrailingStopRule? = nil,
    takeProfit: TakeProfitLadder? = nil, maxHoldingNanos: Int64? = nil
  ) {
    self.stopLoss = stopLoss
    self.trailingStop = trailingStop
    self.takeProfit = takeProfit
    self.maxHoldingNanos = maxHoldingNanos
  }

  /// Every problem, in declaration order; empty when the rules are valid. Configuration time
  /// (allocates).
  public var problems: [RiskConfigurationProblem] {
    var problems: [RiskConfigurationProblem] = []
    func require(_ condition: Bool, _ field: String, _ reason: @autoclosure () -> String) {
      if !condition { problems.append(RiskConfigurationProblem(field: field, reason: reason())) }
    }
    if let stopLoss {
      require(
        stopLoss.atrMultiple.isFinite && stopLoss.atrMultiple > 0, "stopLoss.atrMultiple",
        "must be a positive number, got \(stopLoss.atrMultiple)")
    }
    switch trailingStop {
    case .atrMultiple(let multiple):
      require(
        multiple.isFinite && multiple > 0, "trailingStop.atrMultiple",
        "must be a positive number, got \(multiple)")
    case .fraction(let fraction):
      require(
        fraction.isFinite && fraction > 0 && fraction < 1, "trailingStop.fraction",
        "must be in (0, 1) (0.05 = 5%), got \(fraction)")
    case nil:
      break
    }
    if let ladder = takeProfit {
      require(
        stopLoss != nil, "takeProfit",
        "needs stopLoss: the rungs are multiples of R, the initial stop's distance")
      require(
        !ladder.rungs.isEmpty && ladder.rungs.count <= TakeProfitLadder.maximumRungs,
        "takeProfit.rungs",
        "must have 1 to \(TakeProfitLadder.maximumRungs) rungs, got \(ladder.rungs.count)")
      var previous = 0.0
      var total = 0.0
      for (index, rung) in ladder.rungs.enumerated() {
        let field = "takeProfit.rungs[\(index)]"
        require(
          rung.rMultiple.isFinite && rung.rMultiple > previous, field + ".rMultiple",
          index == 0
            ? "must be a positive number, got \(rung.rMultiple)"
            : "must be above the previous rung's \(previous), got \(rung.rMultiple)")
        require(
          rung.fraction.isFinite && rung.fraction > 0 && rung.fraction <= 1,
          field + ".fraction", "must be in (0, 1], got \(rung.fraction)")
        if rung.rMultiple.isFinite { previous = max(previous, rung.rMultiple) }
        if rung.fraction.isFinite { total += rung.fraction }
      }
      if !ladder.rungs.isEmpty {
        require(
          abs(total - 1) <= 1e-9, "takeProfit.rungs",
          "the fractions must add up to 1, they add up to \(total)")
      }
    }
    if let maxHoldingNanos {
      require(
        maxHoldingNanos > 0, "maxHoldingNanos", "must be positive, got \(maxHoldingNanos)")
    }
    return problems
  }
}
