import RiskSizing

/// A slot's host-enforced entry sizing: the rule, and the estimates the rule needs that the
/// market does not give (a Kelly rule's win probability and payoff ratio, from the slot's
/// backtest or a model), plus the realized-volatility window of a volatility target.
public struct SlotSizing: Sendable, Equatable {
  public var rule: SizingRule
  /// The chance a trade wins (Kelly), 0...1.
  public var winProbability: Double?
  /// Average win / average loss (Kelly).
  public var payoffRatio: Double?
  /// Log returns in the realized-volatility window (volatility target).
  public var volatilityWindow = 20
  /// Price events per year, to annualise that volatility (252 for daily bars).
  public var periodsPerYear = 252.0

  public init(rule: SizingRule, winProbability: Double? = nil, payoffRatio: Double? = nil) {
    self.rule = rule
    self.winProbability = winProbability
    self.payoffRatio = payoffRatio
  }
}
