import RiskSizing
import Testing
import TradingModel

@Suite("AverageTrueRange")
struct AverageTrueRangeTests {
  @Test("matches TA-Lib ATR(14) on 23 years of SPY daily bars to 1e-9 relative")
  func matchesTALib() throws {
    let data = try SPYDailyReference.shared.get()
    #expect(data.bars.count == 5_849)
    var atr = AverageTrueRange()
    var compared = 0
    var worst = 0.0
    for (index, bar) in data.bars.enumerated() {
      let accepted = atr.update(high: bar.high, low: bar.low, close: bar.close)
      #expect(accepted)
      let expected = data.atr14[index]
      if index < 14 {
        #expect(expected.isNaN, "TA-Lib's lookback is 14 bars")
        #expect(atr.value == nil, "bar \(index)")
        continue
      }
      let value = try #require(atr.value, "bar \(index)")
      let error = abs(value - expected) / abs(expected)
      worst = max(worst, error)
      #expect(error <= 1e-9, "bar \(index): \(value) vs TA-Lib \(expected)")
      compared += 1
    }
    #expect(compared == 5_849 - 14)
    #expect(worst <= 1e-9)
  }

  @Test("the first value is the mean of the first period true ranges, then Wilder smoothing")
  func warmUpAndSmoothing() throws {
    var atr = try #require(AverageTrueRange(period: 3))
    atr.update(high: 10, low: 9, close: 9.5)  // only a previous close
    atr.update(high: 11, low: 10, close: 10.5)  // tr = max(1, 1.5, 0.5) = 1.5
    atr.update(high: 10.5, low: 10.25, close: 10.25)  // tr = max(0.25, 0, 0.25) = 0.25
    #expect(atr.value == nil)
    #expect(!atr.isWarm)
    atr.update(high: 12, low: 11, close: 11)  // tr = max(1, 1.75, 0.75) = 1.75
    #expect(atr.value == (1.5 + 0.25 + 1.75) / 3)
    atr.update(high: 11, low: 11, close: 11)  // tr = 0
    #expect(atr.value == ((1.5 + 0.25 + 1.75) / 3 * 2 + 0) / 3)
  }

  @Test("single prices: the true range is the move from the previous price")
  func singlePrices() throws {
    var atr = try #require(AverageTrueRange(period: 2))
    for price in [100.0, 101.0, 99.0] { atr.update(price: price) }
    #expect(atr.value == (1.0 + 2.0) / 2)
    atr.update(price: 99.5)
    #expect(atr.value == (1.5 * 1 + 0.5) / 2)
  }

  @Test("bars of the domain model feed the same numbers")
  func domainBars() throws {
    let spy = Fixtures.spy
    var fromBars = try #require(AverageTrueRange(period: 2))
    var fromDoubles = try #require(AverageTrueRange(period: 2))
    let rows = [
      ("101.00", "99.50", "100.25"), ("102.75", "100.00", "102.50"), ("103.00", "101.25", "101.50"),
    ]
    for (index, row) in rows.enumerated() {
      let bar = Bar(
        instrument: spy.id, timestamp: Int64(index), open: spy.px(row.2), high: spy.px(row.0),
        low: spy.px(row.1), close: spy.px(row.2), volume: spy.qty("1"))
      fromBars.update(bar: bar)
      fromDoubles.update(high: Double(row.0)!, low: Double(row.1)!, close: Double(row.2)!)
    }
    #expect(fromBars.value != nil)
    #expect(fromBars.value == fromDoubles.value)
  }

  @Test("non-finite prices and inverted bars are refused and change nothing")
  func refusesBadInput() throws {
    var atr = try #require(AverageTrueRange(period: 1))
    let accepted = [
      atr.update(price: 100), atr.update(price: .nan),
      atr.update(high: .infinity, low: 1, close: 1),
      atr.update(high: 99, low: 101, close: 100),
    ]
    #expect(accepted == [true, false, false, false])
    #expect(atr.count == 1)
    let last = atr.update(price: 103)
    #expect(last)
    #expect(atr.value == 3)
  }

  @Test("a period below 1 is refused; reset forgets everything")
  func periodAndReset() throws {
    #expect(AverageTrueRange(period: 0) == nil)
    #expect(AverageTrueRange().period == 14)
    var atr = try #require(AverageTrueRange(period: 1))
    atr.update(price: 1)
    atr.update(price: 2)
    #expect(atr.value == 1)
    atr.reset()
    #expect(atr.value == nil)
    #expect(atr.count == 0)
  }
}
