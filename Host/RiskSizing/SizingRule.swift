import TradingModel

/// How the host sizes an entry order: the rule gives the largest quantity an entry may have,
/// whatever the strategy asked for. Plain data; `PositionSizer.make` validates it against an
/// instrument. Every fraction is a fraction (`0.01` is 1%), never a percentage number.
public enum SizingRule: Hashable, Sendable {
  /// Kelly fractions above this are refused, and clamped to it should one get through.
  public static let maximumKellyCap = 0.25

  /// A fixed quantity (a whole number of lots, at least the instrument's minimum).
  case fixed(Quantity)
  /// Risk `fraction` of equity on a stop `atrMultiple` ATRs away:
  /// `equity * fraction / (atrMultiple * atr * multiplier)`.
  case percentOfEquityAtRisk(fraction: Double, atrMultiple: Double)
  /// A fraction of the Kelly bet `f* = p - (1 - p) / b`, capped:
  /// `equity * min(fraction * f*, cap) / (price * multiplier)`; nothing when `f* <= 0`.
  case fractionalKelly(fraction: Double, cap: Double = SizingRule.maximumKellyCap)
  /// A position whose annualised volatility is `annualTarget` of equity:
  /// `equity * annualTarget / (annualisedVolatility * price * multiplier)`.
  case volatilityTarget(annualTarget: Double)
}
