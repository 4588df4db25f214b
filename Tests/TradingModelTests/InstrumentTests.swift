import Testing
import TradingModel

@Suite("Instrument")
struct InstrumentTests {
  /// The field an instrument definition was refused for, or `nil` when it was accepted.
  private func refusedField(_ result: Result<Instrument, InstrumentError>) -> String? {
    guard case .failure(.invalid(let field, _)) = result else { return nil }
    return field
  }

  @Test("make fills defaults and normalizes the tick to the price precision")
  func defaults() throws {
    let spy = Fixtures.spy
    #expect(spy.tickSize == Price(raw: 1, precision: 2))
    #expect(spy.lotSize == Quantity(raw: 1, precision: 0))
    #expect(spy.minQuantity == spy.lotSize)
    #expect(spy.minNotional == usd("0"))
    #expect(spy.multiplier == Quantity(raw: 1, precision: 0))
    #expect(spy.qualifiedSymbol == "SPY.ARCA")
    let coarse = try Instrument.make(
      id: 0, symbol: "X", venue: "V", currency: .usd, pricePrecision: 2,
      tickSize: Price(raw: 5, precision: 1)
    ).get()
    #expect(coarse.tickSize.raw == 50)
    #expect(coarse.tickSize.precision == 2)
  }

  @Test("make names the field of every inconsistent rule")
  func errors() {
    func make(
      symbol: String = "X", venue: String = "V", pricePrecision: UInt8 = 2,
      tickSize: Price? = nil, sizePrecision: UInt8 = 0, lotSize: Quantity? = nil,
      minQuantity: Quantity? = nil, minNotional: Money? = nil, multiplier: Quantity? = nil
    ) -> Result<Instrument, InstrumentError> {
      Instrument.make(
        id: 0, symbol: symbol, venue: venue, currency: .usd, pricePrecision: pricePrecision,
        tickSize: tickSize, sizePrecision: sizePrecision, lotSize: lotSize,
        minQuantity: minQuantity, minNotional: minNotional, multiplier: multiplier)
    }
    #expect(refusedField(make()) == nil)
    #expect(refusedField(make(symbol: "")) == "symbol")
    #expect(refusedField(make(symbol: "S P")) == "symbol")
    #expect(refusedField(make(venue: "")) == "venue")
    #expect(refusedField(make(pricePrecision: 13)) == "price_precision")
    #expect(refusedField(make(sizePrecision: 13)) == "size_precision")
    #expect(refusedField(make(tickSize: Price(raw: 1, precision: 3))) == "tick_size")
    #expect(refusedField(make(tickSize: Price(raw: 0, precision: 2))) == "tick_size")
    #expect(refusedField(make(lotSize: Quantity(raw: 1, precision: 2))) == "lot_size")
    #expect(refusedField(make(lotSize: Quantity(raw: -1, precision: 0))) == "lot_size")
    #expect(refusedField(make(minQuantity: Quantity(raw: 0, precision: 0))) == "min_quantity")
    #expect(
      refusedField(make(minNotional: Money(raw: 1, currency: Currency.standard("EUR")!)))
        == "min_notional")
    #expect(refusedField(make(minNotional: usd("-1"))) == "min_notional")
    #expect(refusedField(make(multiplier: Quantity(raw: 0, precision: 0))) == "multiplier")
    let error = InstrumentError.invalid(field: "tick_size", reason: "bad")
    #expect(error.description == "instrument field 'tick_size': bad")
  }

  @Test("prices from plugins are checked: ticks, sign, NaN, precision")
  func prices() {
    let es = Fixtures.es
    #expect(es.price(fromDouble: 4500.25) == .success(es.px("4500.25")))
    #expect(es.price(fromDouble: 4500.30) == .failure(.offTick(value: "4500.30", tick: "0.25")))
    #expect(es.price(fromDouble: 4500.251) == .failure(.tooPrecise(value: 4500.251, precision: 2)))
    #expect(es.price(fromDouble: .nan) == .failure(.notANumber))
    #expect(es.price(fromDouble: .infinity) == .failure(.infinite))
    #expect(es.price(fromDouble: 0) == .failure(.zero))
    #expect(es.price(fromDouble: -1.25) == .failure(.negative))
    #expect(es.price(fromDouble: -1.25, allowNonPositive: true) == .success(es.px("-1.25")))
    #expect(es.price(fromDouble: 1e18) == .failure(.outOfRange))
  }

  @Test("sizes from plugins are checked: lots, sign, NaN, precision")
  func quantities() throws {
    let btc = Fixtures.btc
    #expect(btc.quantity(fromDouble: 0.125) == .success(btc.qty("0.125")))
    #expect(btc.quantity(fromDouble: 0.0015) == .failure(.tooPrecise(value: 0.0015, precision: 3)))
    #expect(btc.quantity(fromDouble: 0) == .failure(.zero))
    #expect(btc.quantity(fromDouble: -1) == .failure(.negative))
    #expect(btc.quantity(fromDouble: .nan) == .failure(.notANumber))
    #expect(btc.quantity(fromDouble: -.infinity) == .failure(.infinite))
    #expect(btc.quantity(fromDouble: 1e30) == .failure(.outOfRange))
    let lots = try Instrument.make(
      id: 0, symbol: "L", venue: "V", currency: .usd, pricePrecision: 2, sizePrecision: 3,
      lotSize: Quantity(raw: 5, precision: 3)
    ).get()
    #expect(lots.quantity(fromDouble: 0.012) == .failure(.offLot(value: "0.012", lot: "0.005")))
    #expect(lots.quantity(fromDouble: 0.015) == .success(Quantity(raw: 15, precision: 3)))
    #expect(
      ConversionError.offLot(value: "0.012", lot: "0.005").description
        == "0.012 is not a multiple of the lot size 0.005")
  }

  @Test("notional uses the multiplier and rounds half-even to the currency")
  func notional() {
    #expect(
      Fixtures.es.notional(price: Fixtures.es.px("4500.25"), quantity: Fixtures.es.qty("1"))
        == usd("225012.50"))
    #expect(
      Fixtures.odd.notional(price: Fixtures.odd.px("1.2345"), quantity: Fixtures.odd.qty("1"))
        == usd("3.09"))  // 3.08625
  }
}
