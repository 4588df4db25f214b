import MarketData
import TradingModel

/// Turns a data file's series and the run's rules into an `Instrument`: the price precision is
/// the data's (given or detected), the tick one unit of it unless the rules say otherwise; sizes
/// default to whole units (lot 1, precision 0).
enum InstrumentBuilder {
  static func build(
    id: InstrumentID, name: InstrumentName, series: MarketSeries, currency: Currency,
    rules: BacktestPlan.InstrumentRules?
  ) throws(PlanError) -> (Instrument, Quantity?) {
    let pricePrecision: UInt8
    switch series {
    case .bars(let bars): pricePrecision = bars.pricePrecision
    case .quotes(let quotes): pricePrecision = quotes.pricePrecision
    case .trades(let trades): pricePrecision = trades.pricePrecision
    }
    let rules = rules ?? BacktestPlan.InstrumentRules()
    let sizePrecision = rules.sizePrecision ?? 0
    func price(_ text: String?, _ field: String) throws(PlanError) -> Price? {
      guard let text else { return nil }
      guard let value = Price(text, precision: pricePrecision) else {
        throw PlanError(
          "\(name.qualified).\(field): '\(text)' is not a decimal with at most \(pricePrecision) decimals (the data's price precision)"
        )
      }
      return value
    }
    func quantity(_ text: String?, _ field: String, precision: UInt8) throws(PlanError) -> Quantity?
    {
      guard let text else { return nil }
      guard let value = Quantity(text, precision: precision) else {
        throw PlanError(
          "\(name.qualified).\(field): '\(text)' is not a decimal with at most \(precision) decimals"
        )
      }
      return value
    }
    let tick = try price(rules.tickSize, "tick_size")
    let lot = try quantity(rules.lotSize, "lot_size", precision: sizePrecision)
    let minimum = try quantity(rules.minQuantity, "min_quantity", precision: sizePrecision)
    let multiplier = try quantity(rules.multiplier, "multiplier", precision: 6)
    let maxOrder = try quantity(
      rules.maxOrderQuantity, "max_order_quantity", precision: sizePrecision)
    var minNotional: Money?
    if let text = rules.minNotional {
      guard let value = Money(text, currency: currency) else {
        throw PlanError("\(name.qualified).min_notional: '\(text)' is not an amount of \(currency)")
      }
      minNotional = value
    }
    switch Instrument.make(
      id: id, symbol: name.symbol, venue: name.venue, currency: currency,
      pricePrecision: pricePrecision, tickSize: tick, sizePrecision: sizePrecision, lotSize: lot,
      minQuantity: minimum, minNotional: minNotional, multiplier: multiplier)
    {
    case .success(let instrument): return (instrument, maxOrder)
    case .failure(let error): throw PlanError("\(name.qualified): \(error)")
    }
  }
}
