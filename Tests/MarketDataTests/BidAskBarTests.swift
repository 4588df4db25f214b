import MarketData
import Testing
import TradingModel

@Suite("Bid/ask bars")
struct BidAskBarTests {
  let oanda = SharedData.path("bars/oanda_eurusd_1h_bidask_20070101_20181231.csv")

  func first(_ side: BarSide) throws -> Bar {
    let series = try CSVReader(options: CSVReadOptions(barSide: side)).readBars(path: oanda)
    #expect(series.bars.count == 74_439)
    return try #require(series.bars.first)
  }

  @Test func eachSideOfTheFirstOandaBar() throws {
    // 1.31927,1.31955,1.3187,1.31935 | 1.32027,1.32055,1.3197,1.32035
    let bid = try first(.bid)
    #expect(
      [bid.open.raw, bid.high.raw, bid.low.raw, bid.close.raw] == [
        131_927, 131_955, 131_870, 131_935,
      ])
    let ask = try first(.ask)
    #expect(
      [ask.open.raw, ask.high.raw, ask.low.raw, ask.close.raw] == [
        132_027, 132_055, 131_970, 132_035,
      ])
    let mid = try first(.mid)
    #expect(
      [mid.open.raw, mid.high.raw, mid.low.raw, mid.close.raw] == [
        131_977, 132_005, 131_920, 131_985,
      ])
    #expect(mid.timestamp == seconds(1_167_685_200 + 3600))
    #expect(mid.volume.raw == 0)
  }

  @Test func midRoundsHalfToEven() throws {
    let text = """
      ts_utc,bid_open,bid_high,bid_low,bid_close,ask_open,ask_high,ask_low,ask_close
      2024-01-01T00:00:00Z,1.00001,1.00002,1.00001,1.00002,1.00002,1.00004,1.00002,1.00003
      2024-01-01T00:01:00Z,1.00001,1.00001,1.00001,1.00001,1.00001,1.00001,1.00001,1.00001

      """
    let bars = try #require(try readText(text).get().bars)
    // open (1.00001 + 1.00002) / 2 = 1.000015 -> 1.00002 (even); high exact 1.00003; close
    // (1.00002 + 1.00003) / 2 = 1.000025 -> 1.00002 (even); equal sides need no rounding.
    let mid = bars.bars[0]
    #expect(
      [mid.open.raw, mid.high.raw, mid.low.raw, mid.close.raw] == [
        100_002, 100_003, 100_002, 100_002,
      ])
    #expect(mid.isConsistent)
    #expect(bars.bars[1].open.raw == 100_001)
  }

  @Test func everyMidBarIsConsistent() throws {
    let series = try CSVReader().readBars(path: oanda)
    #expect(series.bars.allSatisfy { $0.isConsistent })
  }

  @Test func anInconsistentAskBarIsNamed() throws {
    let text = """
      ts_utc,bid_open,bid_high,bid_low,bid_close,ask_open,ask_high,ask_low,ask_close
      2024-01-01T00:00:00Z,1.1,1.2,1.0,1.1,1.2,1.1,1.0,1.1

      """
    let error = try readFailure(text, name: "ba.csv")
    #expect(error?.code == .inconsistentBar)
    #expect(
      error?.description.hasSuffix(
        "ba.csv:2:6 (ask_open): open 1.2 is outside low...high (1.0...1.1)") == true)
  }
}
