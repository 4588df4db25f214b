import Testing
import TradingModel

@Suite("Price")
struct PriceTests {
  @Test("parses and prints exactly")
  func text() {
    #expect(Price("167.41", precision: 2) == Price(raw: 16_741, precision: 2))
    #expect(Price("167.415", precision: 2) == nil)
    #expect(Price("abc", precision: 2) == nil)
    #expect(Price(raw: 16_741, precision: 2).description == "167.41")
    #expect(Price(raw: -5, precision: 3).description == "-0.005")
  }

  @Test("compares and hashes by value across precisions")
  func comparison() {
    let tenDollars = Price(raw: 1_000, precision: 2)
    #expect(tenDollars == Price(raw: 10, precision: 0))
    #expect(tenDollars == Price(raw: 100_000, precision: 4))
    #expect(
      Set([tenDollars, Price(raw: 10, precision: 0), Price(raw: 100, precision: 1)]).count == 1)
    #expect(Price(raw: 1_001, precision: 2) > Price(raw: 100, precision: 1))
    #expect(Price(raw: 99_999, precision: 4) < Price(raw: 1_000, precision: 2))
    #expect(Price(raw: -1, precision: 3) < Price(raw: 0, precision: 0))
    #expect(Price(raw: 1_001, precision: 2) != Price(raw: 100, precision: 1))
  }

  @Test("rescales exactly up and half-even down; offsets by ticks")
  func rescaleAndOffset() {
    #expect(Price(raw: 1_025, precision: 2).rescaled(to: 1) == Price(raw: 102, precision: 1))
    #expect(Price(raw: 1_035, precision: 2).rescaled(to: 1) == Price(raw: 104, precision: 1))
    #expect(Price(raw: 1_025, precision: 2).rescaled(to: 4)?.raw == 102_500)
    #expect(Price(raw: .max, precision: 0).rescaled(to: 2) == nil)
    let tick = Price(raw: 25, precision: 2)
    #expect(Price(raw: 450_025, precision: 2).offset(ticks: -3, tick: tick).raw == 449_950)
    #expect(Price(raw: 12_345, precision: 2).doubleValue == 123.45)
  }
}
