import TradingModel

/// Instruments shared by the sizing and exit tests.
enum Fixtures {
  /// Shares: cents, whole shares.
  static let spy = try! Instrument.make(
    id: 0, symbol: "SPY", venue: "ARCA", currency: .usd, pricePrecision: 2
  ).get()

  /// A future: quarter-point ticks, $50 per point.
  static let es = try! Instrument.make(
    id: 1, symbol: "ES", venue: "CME", currency: .usd, pricePrecision: 2,
    tickSize: Price(raw: 25, precision: 2), multiplier: Quantity(raw: 50, precision: 0)
  ).get()

  /// Shares traded in round lots of 7 (an awkward lot).
  static let lotOfSeven = try! Instrument.make(
    id: 2, symbol: "SEVEN", venue: "SIM", currency: .usd, pricePrecision: 2,
    lotSize: Quantity(raw: 7, precision: 0)
  ).get()

  /// Crypto sized to a thousandth in lots of 0.003 (awkward), at least 0.006 and $10 a trade.
  static let coin = try! Instrument.make(
    id: 3, symbol: "COIN", venue: "SIM", currency: .usd, pricePrecision: 1, sizePrecision: 3,
    lotSize: Quantity(raw: 3, precision: 3), minQuantity: Quantity(raw: 6, precision: 3),
    minNotional: Money(raw: 1_000, currency: .usd)
  ).get()

  /// Shares with a minimum order of 10 and a minimum notional of $1,000.
  static let minimums = try! Instrument.make(
    id: 4, symbol: "MIN", venue: "SIM", currency: .usd, pricePrecision: 2,
    minQuantity: Quantity(raw: 10, precision: 0), minNotional: Money(raw: 100_000, currency: .usd)
  ).get()
}

/// Dollars from text (`"12.34"`).
func usd(_ text: String) -> Money { Money(text, currency: .usd)! }

extension Instrument {
  /// A price at this instrument's precision from text.
  func px(_ text: String) -> Price { Price(text, precision: pricePrecision)! }

  /// A size at this instrument's precision from text.
  func qty(_ text: String) -> Quantity { Quantity(text, precision: sizePrecision)! }
}
