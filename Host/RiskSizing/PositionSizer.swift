import TradingModel

/// Sizes entry orders for one instrument by one `SizingRule`: the largest quantity an entry may
/// have, which the host enforces even when a strategy asks for more.
///
/// The result is exact fixed point: a whole number of lots at the instrument's size precision,
/// always rounded toward zero (never up). The rules' parameters, the ATR, the probability and the
/// volatility are `Double`s, so each formula is evaluated in `Double` and then truncated to lots;
/// a count within `1e-12` (relative) below a whole number of lots counts as that number, so the
/// binary error of decimal inputs (`0.6 - 0.4 / 2 = 0.39999999999999997`) does not lose a lot.
/// When the result is below the instrument's minimum quantity, or its notional at `price` below
/// the minimum notional, nothing fits and the quantity is zero.
///
/// Inputs are checked in the order price, equity, then the rule's own inputs (ATR; win
/// probability, payoff ratio; volatility); the first absent one is `.missing`, the first
/// unusable one `.invalid`. The price must be positive for every rule (`.fixed` uses it only for
/// the minimum-notional check and ignores equity); equity must be in the instrument's currency
/// and at least zero (zero sizes to zero).
///
/// Called by the risk wrapper on the kernel thread: synchronous, never blocks, no allocation.
public struct PositionSizer: Hashable, Sendable {
  /// The rule, validated for the instrument.
  public let rule: SizingRule
  /// The instrument's currency (equity must be in it).
  public let currency: Currency
  /// The instrument's size precision (of every result).
  public let sizePrecision: UInt8
  /// The instrument's lot.
  public let lotSize: Quantity
  /// The instrument's smallest order.
  public let minQuantity: Quantity
  /// The instrument's smallest order notional.
  public let minNotional: Money
  /// The instrument's contract multiplier.
  public let multiplier: Quantity

  private init(rule: SizingRule, instrument: Instrument) {
    self.rule = rule
    self.currency = instrument.currency
    self.sizePrecision = instrument.sizePrecision
    self.lotSize = instrument.lotSize
    self.minQuantity = instrument.minQuantity
    self.minNotional = instrument.minNotional
    self.multiplier = instrument.multiplier
  }

  /// A sizer for `instrument`, or every problem with `rule` for it. Configuration time.
  public static func make(rule: SizingRule, instrument: Instrument) -> Result<
    PositionSizer, RiskConfigurationError
  > {
    let problems = rule.problems(for: instrument)
    guard problems.isEmpty else { return .failure(RiskConfigurationError(problems: problems)) }
    return .success(PositionSizer(rule: rule, instrument: instrument))
  }

  /// The largest quantity an entry order may have under `rule` with `inputs`, or the input that
  /// is missing or unusable. Hot path: no allocation.
  public func maximumEntryQuantity(_ inputs: SizingInputs) -> SizingResult {
    guard inputs.price.raw > 0 else { return .invalid(.price) }
    let lots: Int64
    switch rule {
    case .fixed(let quantity):
      lots = quantity.raw / lotSize.raw
    case .percentOfEquityAtRisk(let fraction, let atrMultiple):
      guard let equity = usableEquity(inputs.equity) else { return .invalid(.equity) }
      guard let atr = inputs.atr else { return .missing(.atr) }
      guard atr.isFinite, atr > 0 else { return .invalid(.atr) }
      lots = wholeLots(equity * fraction / (atrMultiple * atr * multiplier.doubleValue))
    case .fractionalKelly(let fraction, let cap):
      guard let equity = usableEquity(inputs.equity) else { return .invalid(.equity) }
      guard let probability = inputs.winProbability else { return .missing(.winProbability) }
      guard probability.isFinite, probability >= 0, probability <= 1 else {
        return .invalid(.winProbability)
      }
      guard let payoff = inputs.payoffRatio else { return .missing(.payoffRatio) }
      guard payoff.isFinite, payoff > 0 else { return .invalid(.payoffRatio) }
      let kelly = probability - (1 - probability) / payoff
      guard kelly > 0 else { return .quantity(.zero(precision: sizePrecision)) }
      let bet = min(fraction * kelly, cap, SizingRule.maximumKellyCap)
      lots = wholeLots(equity * bet / (inputs.price.doubleValue * multiplier.doubleValue))
    case .volatilityTarget(let annualTarget):
      guard let equity = usableEquity(inputs.equity) else { return .invalid(.equity) }
      guard let volatility = inputs.annualisedVolatility else {
        return .missing(.annualisedVolatility)
      }
      guard volatility.isFinite, volatility > 0 else { return .invalid(.annualisedVolatility) }
      lots = wholeLots(
        equity * annualTarget / (volatility * inputs.price.doubleValue * multiplier.doubleValue))
    }
    return .quantity(fitting(lots: lots, price: inputs.price))
  }

  /// The equity as a `Double` when it is in the instrument's currency and not negative.
  @inline(__always)
  private func usableEquity(_ equity: Money) -> Double? {
    guard equity.currency == currency, equity.raw >= 0 else { return nil }
    return equity.doubleValue
  }

  /// A quantity in instrument units as whole lots, truncated, at most what `Int64` holds.
  @inline(__always)
  private func wholeLots(_ quantity: Double) -> Int64 {
    WholeUnits.floor(quantity / lotSize.doubleValue, limit: Int64.max / lotSize.raw)
  }

  /// `lots` as a quantity, or zero when it is below the minimum quantity or notional.
  @inline(__always)
  private func fitting(lots: Int64, price: Price) -> Quantity {
    let quantity = Quantity(raw: lots * lotSize.raw, precision: sizePrecision)
    guard quantity.raw > 0, quantity >= minQuantity else { return .zero(precision: sizePrecision) }
    if minNotional.raw > 0 {
      let notional = Money.notional(
        price: price, quantity: quantity, multiplier: multiplier, currency: currency)
      // A notional too large for `Money` is above any minimum.
      if let notional, notional < minNotional { return .zero(precision: sizePrecision) }
    }
    return quantity
  }
}
