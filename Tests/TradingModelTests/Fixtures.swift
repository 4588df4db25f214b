import TradingModel

/// Instruments, prices and fills shared by the model tests.
enum Fixtures {
  /// Shares: cents, whole shares.
  static let spy = try! Instrument.make(
    id: 0, symbol: "SPY", venue: "ARCA", currency: .usd, pricePrecision: 2
  ).get()

  /// Spot crypto: prices to a tenth of a dollar, sizes to a thousandth of a coin.
  static let btc = try! Instrument.make(
    id: 1, symbol: "BTCUSD", venue: "SIM", currency: .usd, pricePrecision: 1, sizePrecision: 3
  ).get()

  /// A future: quarter-point ticks, $50 per point.
  static let es = try! Instrument.make(
    id: 2, symbol: "ES", venue: "CME", currency: .usd, pricePrecision: 2,
    tickSize: Price(raw: 25, precision: 2), multiplier: Quantity(raw: 50, precision: 0)
  ).get()

  /// Odd precisions everywhere: 4-decimal prices, 2-decimal sizes, a 2.5 multiplier.
  static let odd = try! Instrument.make(
    id: 3, symbol: "ODD", venue: "SIM", currency: .usd, pricePrecision: 4, sizePrecision: 2,
    multiplier: Quantity(raw: 25, precision: 1)
  ).get()

  static let all = [spy, btc, es, odd]
}

/// Dollars from text (`"12.34"`).
func usd(_ text: String) -> Money { Money(text, currency: .usd)! }

extension Instrument {
  /// A price at this instrument's precision from text.
  func px(_ text: String) -> Price { Price(text, precision: pricePrecision)! }

  /// A size at this instrument's precision from text.
  func qty(_ text: String) -> Quantity { Quantity(text, precision: sizePrecision)! }

  /// A fill of this instrument.
  func fill(
    _ side: OrderSide, _ quantity: String, at price: String, fee: String = "0",
    slot: SlotID = 0, order: ClientOrderID = 1, time: Int64 = 0
  ) -> Fill {
    Fill(
      clientOrderID: order, slot: slot, instrument: id, side: side, quantity: qty(quantity),
      price: px(price), fee: usd(fee), liquidity: .taker, timestamp: time, tradeID: 0)
  }
}
