import MarketData
import Testing
import TradingModel

@Suite("Shared tick files read with the detected layout")
struct SharedTickFilesTests {
  func quotes(_ file: String) throws -> QuoteSeries {
    try CSVReader().readQuotes(path: SharedData.path("ticks/" + file))
  }

  func trades(_ file: String) throws -> TradeSeries {
    try CSVReader().readTrades(path: SharedData.path("ticks/" + file))
  }

  @Test func fxcmQuotes() throws {
    let series = try quotes("fxcm_eurusd_quote_ticks_20140508.csv")
    #expect(series.quotes.count == 167_466)
    #expect(series.pricePrecision == 5)
    #expect(series.sizePrecision == 0)
    // 2014-05-08T05:00:17.007Z .. 2014-05-09T04:59:59.235Z
    #expect(series.quotes.first?.timestamp == millis(1_399_525_217_007))
    #expect(series.quotes.last?.timestamp == millis(1_399_611_599_235))
    let first = try #require(series.quotes.first)
    #expect(
      [first.bid.raw, first.ask.raw, first.bidSize.raw, first.askSize.raw] == [
        139_147, 139_148, 0, 0,
      ])
    #expect(series.quotes.last.map { [$0.bid.raw, $0.ask.raw] } == [138_371, 138_374])
  }

  @Test func histDataHeaderlessQuotesInEST() throws {
    let series = try quotes("histdata_eurusd_quote_ticks_20200101.csv")
    #expect(series.quotes.count == 9500)
    #expect(series.pricePrecision == 5)
    // 20200101 170000065 EST = 2020-01-01T22:00:00.065Z; 20200101 230052125 EST = 04:00:52.125Z
    #expect(series.quotes.first?.timestamp == millis(1_577_916_000_065))
    #expect(series.quotes.last?.timestamp == millis(1_577_937_652_125))
    #expect(series.quotes.first.map { [$0.bid.raw, $0.ask.raw] } == [112_120, 112_172])
    #expect(series.quotes.last.map { [$0.bid.raw, $0.ask.raw] } == [112_130, 112_132])
  }

  @Test func spyTradeTicks() throws {
    let series = try trades("spy_trade_ticks_20131007.csv")
    #expect(series.trades.count == 250_601)
    #expect(series.skippedRows == 0)
    #expect(series.pricePrecision == 2)
    #expect(series.sizePrecision == 0)
    // 2013-10-07T08:00:00.464Z .. 2013-10-07T23:59:59.536Z
    #expect(series.trades.first?.timestamp == millis(1_381_132_800_464))
    #expect(series.trades.last?.timestamp == millis(1_381_190_399_536))
    let first = try #require(series.trades.first)
    #expect(first.price.raw == 16_741 && first.size.raw == 100 && first.aggressor == .unknown)
    #expect(series.trades.last?.price.raw == 16_730)
    // Sum of the size column, computed outside this code base.
    #expect(series.trades.reduce(0) { $0 + $1.size.raw } == 97_062_721)
  }

  @Test func spyTradeTicksHaveNoSuspiciousRows() throws {
    // The shared day carries the suspicious column but no row is flagged: skipping changes
    // nothing (the skip itself is tested on a fixture).
    let series = try CSVReader(options: CSVReadOptions(skipSuspicious: true)).readTrades(
      path: SharedData.path("ticks/spy_trade_ticks_20131007.csv"))
    #expect(series.trades.count == 250_601)
    #expect(series.skippedRows == 0)
  }

  @Test func tardisQuotesInEpochMicroseconds() throws {
    let series = try quotes("tardis_binance-futures_btcusdt_quotes_20200222.csv")
    #expect(series.quotes.count == 9999)
    #expect(series.pricePrecision == 2)
    #expect(series.sizePrecision == 3)
    #expect(series.quotes.first?.timestamp == micros(1_582_329_601_096_000))
    #expect(series.quotes.last?.timestamp == micros(1_582_329_827_061_000))
    // ask_amount 0.84, ask_price 9682, bid_price 9681.92, bid_amount 0.67
    let first = try #require(series.quotes.first)
    #expect(
      [first.bid.raw, first.ask.raw, first.bidSize.raw, first.askSize.raw] == [
        968_192, 968_200, 670, 840,
      ])
  }

  @Test func tardisTradesWithSides() throws {
    let series = try trades("tardis_binance-futures_btcusdt_trades_20200222.csv")
    #expect(series.trades.count == 9999)
    #expect(series.pricePrecision == 2)
    #expect(series.sizePrecision == 3)
    // 1582329602111000 us = 2020-02-22T00:00:02.111Z
    #expect(series.trades.first?.timestamp == micros(1_582_329_602_111_000))
    #expect(series.trades.last?.timestamp == micros(1_582_337_147_728_000))
    let first = try #require(series.trades.first)
    #expect(first.price.raw == 968_200 && first.size.raw == 132 && first.aggressor == .buyer)
    #expect(series.trades.last?.aggressor == .seller)
    #expect(series.trades.filter { $0.aggressor == .buyer }.count == 5267)
    #expect(series.trades.filter { $0.aggressor == .seller }.count == 4732)
  }

  @Test func trueFXQuotesWithMicrosecondFractionAndOffset() throws {
    let series = try quotes("truefx_usdjpy_quote_ticks_20130101.csv")
    #expect(series.quotes.count == 1000)
    #expect(series.pricePrecision == 3)
    // 2013-01-01 22:00:00.295000+00:00 .. 22:35:13.494000+00:00
    #expect(series.quotes.first?.timestamp == millis(1_357_077_600_295))
    #expect(series.quotes.last?.timestamp == millis(1_357_079_713_494))
    #expect(series.quotes.first.map { [$0.bid.raw, $0.ask.raw] } == [86_655, 86_728])
  }

  @Test func ticksWithEqualTimestampsKeepFileOrder() throws {
    let series = try trades("spy_trade_ticks_20131007.csv")
    // Rows 2 and 3 share 08:00:00.465 (sizes 1400 then 100).
    #expect(series.trades[1].timestamp == series.trades[2].timestamp)
    #expect(series.trades[1].size.raw == 1400 && series.trades[2].size.raw == 100)
    #expect(
      zip(series.trades, series.trades.dropFirst()).allSatisfy { $0.timestamp <= $1.timestamp })
  }
}
