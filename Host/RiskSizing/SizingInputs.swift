import TradingModel

/// What one sizing computation needs, gathered by the risk wrapper for each entry order. Only the
/// chosen rule's inputs must be present; the rest may stay `nil`. Plain data.
public struct SizingInputs: Hashable, Sendable {
  /// The account equity, in the instrument's currency (at least zero).
  public var equity: Money
  /// The entry price (positive).
  public var price: Price
  /// The instrument's average true range, in price units (positive, finite).
  public var atr: Double?
  /// The probability that the trade wins, from the strategy or a model (in `0...1`).
  public var winProbability: Double?
  /// The average win over the average loss (positive, finite).
  public var payoffRatio: Double?
  /// The instrument's annualised volatility of returns (`0.2` = 20% a year; positive, finite).
  public var annualisedVolatility: Double?

  public init(
    equity: Money, price: Price, atr: Double? = nil, winProbability: Double? = nil,
    payoffRatio: Double? = nil, annualisedVolatility: Double? = nil
  ) {
    self.equity = equity
    self.price = price
    self.atr = atr
    self.winProbability = winProbability
    self.payoffRatio = payoffRatio
    self.annualisedVolatility = annualisedVolatility
  }
}
