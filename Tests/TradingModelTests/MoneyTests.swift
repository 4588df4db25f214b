import Testing
import TradingModel

@Suite("Money")
struct MoneyTests {
  @Test("sums exactly and prints with its currency")
  func arithmetic() {
    var cash = usd("1000.00")
    cash += usd("0.10")
    cash -= usd("0.30")
    #expect(cash == usd("999.80"))
    #expect(cash.raw == 99_980)
    #expect((-cash).description == "-999.80 USD")
    #expect(usd("1.01") > usd("1.00"))
    #expect(Money("12.345", currency: .usd) == nil)
    #expect(Money("5", currency: Currency("JPY", precision: 0)!)?.raw == 5)
  }

  @Test("notional rounds half-even once, to the currency, with the multiplier")
  func notional() {
    let btcPrice = Price(raw: 600_001, precision: 1)  // 60000.1
    let oneUnit = Quantity(raw: 1, precision: 0)
    let tiny = Quantity(raw: 3, precision: 3)  // 0.003
    #expect(
      Money.notional(price: btcPrice, quantity: tiny, multiplier: oneUnit, currency: .usd)
        == usd("180.00"))  // 180.0003
    let tie = Price(raw: 10_005, precision: 3)  // 10.005 -> 10.00
    let odd = Price(raw: 10_015, precision: 3)  // 10.015 -> 10.02
    #expect(
      Money.notional(price: tie, quantity: oneUnit, multiplier: oneUnit, currency: .usd)?.raw
        == 1_000)
    #expect(
      Money.notional(price: odd, quantity: oneUnit, multiplier: oneUnit, currency: .usd)?.raw
        == 1_002)
    #expect(
      Fixtures.es.notional(price: Fixtures.es.px("4500.25"), quantity: Fixtures.es.qty("-2"))
        == usd("-450025.00"))
  }

  @Test("a basis-point rate rounds half-even to the currency")
  func basisPoints() {
    let rate = BasisPoints("2.5")!
    #expect(rate.hundredths == 250)
    #expect(usd("1000.00").applying(rate) == usd("0.25"))
    #expect(usd("100.00").applying(rate) == usd("0.02"))  // 0.025: tie to even
    #expect(usd("300.00").applying(rate) == usd("0.08"))  // 0.075: tie to even
    #expect(usd("30.00").applying(rate) == usd("0.01"))  // 0.0075
    #expect(usd("-1000.00").applying(rate) == usd("-0.25"))
    #expect(BasisPoints("2.555") == nil)
  }

  @Test("currency codes pack and unpack; bad codes are refused")
  func currencies() {
    #expect(Currency.usd.code == "USD")
    #expect(Currency.standard("BTC")?.precision == 8)
    // A real code whose precision the table does not know needs an explicit precision.
    #expect(Currency.standard("SEK") == nil)
    #expect(Currency("usd", precision: 2) == nil)
    #expect(Currency("TOOLONGCODE", precision: 2) == nil)
    #expect(Currency("USD", precision: 13) == nil)
  }
}
