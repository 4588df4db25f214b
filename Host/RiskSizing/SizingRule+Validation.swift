import TradingModel

extension SizingRule {
  /// Every problem with this rule for `instrument`, in declaration order; empty when valid.
  /// Called once at configuration time (allocates).
  public func problems(for instrument: Instrument) -> [RiskConfigurationProblem] {
    var problems: [RiskConfigurationProblem] = []
    func require(_ condition: Bool, _ field: String, _ reason: @autoclosure () -> String) {
      if !condition { problems.append(RiskConfigurationProblem(field: field, reason: reason())) }
    }
    switch self {
    case .fixed(let quantity):
      let field = "fixed.quantity"
      if quantity.precision != instrument.sizePrecision {
        problems.append(
          RiskConfigurationProblem(
            field: field,
            reason: "\(quantity) has \(quantity.precision) decimals, the instrument's size "
              + "precision is \(instrument.sizePrecision)"))
      } else if quantity.raw <= 0 {
        require(false, field, "must be positive, got \(quantity)")
      } else {
        require(
          quantity.raw % instrument.lotSize.raw == 0, field,
          "\(quantity) is not a whole number of lots of \(instrument.lotSize)")
        require(
          quantity >= instrument.minQuantity, field,
          "\(quantity) is below the instrument's minimum quantity \(instrument.minQuantity)")
      }
    case .percentOfEquityAtRisk(let fraction, let atrMultiple):
      require(
        fraction.isFinite && fraction > 0 && fraction <= 1, "percentOfEquityAtRisk.fraction",
        "must be in (0, 1] (0.01 = 1% of equity), got \(fraction)")
      require(
        atrMultiple.isFinite && atrMultiple > 0, "percentOfEquityAtRisk.atrMultiple",
        "must be a positive number, got \(atrMultiple)")
    case .fractionalKelly(let fraction, let cap):
      require(
        fraction.isFinite && fraction > 0 && fraction <= 1, "fractionalKelly.fraction",
        "must be in (0, 1] (0.5 = half Kelly), got \(fraction)")
      require(
        cap.isFinite && cap > 0 && cap <= Self.maximumKellyCap, "fractionalKelly.cap",
        "must be in (0, \(Self.maximumKellyCap)], got \(cap)")
    case .volatilityTarget(let annualTarget):
      require(
        annualTarget.isFinite && annualTarget > 0, "volatilityTarget.annualTarget",
        "must be a positive number (0.1 = 10% a year), got \(annualTarget)")
    }
    return problems
  }
}
