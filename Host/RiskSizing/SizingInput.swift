/// One input of a sizing computation, named when it is missing or unusable.
public enum SizingInput: Hashable, Sendable, CustomStringConvertible {
  /// The account equity (`SizingInputs.equity`).
  case equity
  /// The entry price (`SizingInputs.price`).
  case price
  /// The average true range (`SizingInputs.atr`).
  case atr
  /// The probability that the trade wins (`SizingInputs.winProbability`).
  case winProbability
  /// The average win over the average loss (`SizingInputs.payoffRatio`).
  case payoffRatio
  /// The instrument's annualised volatility (`SizingInputs.annualisedVolatility`).
  case annualisedVolatility

  public var description: String {
    switch self {
    case .equity: "equity"
    case .price: "price"
    case .atr: "atr"
    case .winProbability: "win_probability"
    case .payoffRatio: "payoff_ratio"
    case .annualisedVolatility: "annualised_volatility"
    }
  }
}
