import MarketData
import Testing
import TradingModel

@Suite("Read options")
struct ReadOptionsTests {
  let spy = SharedData.path("bars/spy_1s_trade_bars_20131007_20131011.csv")

  @Test func givenPricePrecisionScalesExactly() throws {
    let series = try CSVReader(options: CSVReadOptions(pricePrecision: 4, sizePrecision: 2))
      .readBars(path: spy)
    #expect(series.pricePrecision == 4 && series.volumePrecision == 2)
    #expect(series.bars[0].open == Price(raw: 1_674_100, precision: 4))
    #expect(series.bars[0].volume == Quantity(raw: 204_900, precision: 2))
  }

  @Test func givenPricePrecisionTooSmallIsAnErrorNotRounding() throws {
    let error = dataError {
      _ = try CSVReader(options: CSVReadOptions(pricePrecision: 1)).readBars(path: spy)
    }
    // Line 2 is the first data row: 167.41 has two decimals.
    #expect(error?.code == .tooPrecise)
    #expect(error?.line == 2 && error?.column == 2 && error?.columnName == "open")
    #expect(error?.message == "\"167.41\" has 2 decimals, more than the given precision 1")
  }

  @Test func timestampsMayMarkTheClose() throws {
    let series = try CSVReader(options: CSVReadOptions(barTimestamp: .close)).readBars(path: spy)
    #expect(series.bars[0].timestamp == seconds(1_381_132_800))
    #expect(series.duration == seconds(1))
  }

  @Test func durationOverrideMovesCloseTimes() throws {
    let series = try CSVReader(options: CSVReadOptions(barDuration: seconds(60))).readBars(
      path: SharedData.path("bars/spy_1h_trade_bars_19980102_20210331.csv"))
    // 1998-01-02T14:00:00Z + 60 s
    #expect(series.bars[0].timestamp == seconds(883_749_660))
    #expect(series.duration == seconds(60))
  }

  @Test func offsetOverridesTheLayout() throws {
    let histData = try CSVReader(options: CSVReadOptions(utcOffsetSeconds: 0)).readQuotes(
      path: SharedData.path("ticks/histdata_eurusd_quote_ticks_20200101.csv"))
    // 20200101 170000065 read as UTC.
    #expect(histData.quotes[0].timestamp == millis(1_577_898_000_065))
    let backtrader = try CSVReader(options: CSVReadOptions(utcOffsetSeconds: 3600)).readBars(
      path: SharedData.path("bars/backtrader_2006-01-02-volume-min-001.txt"))
    // 2006-01-02 09:01 at UTC+1 is 08:01Z; the close a minute later.
    #expect(backtrader.bars[0].timestamp == seconds(1_136_188_860 + 60))
  }

  @Test func instrumentIsStampedOnEveryEvent() throws {
    let series = try CSVReader(options: CSVReadOptions(instrument: 42)).readTrades(
      path: SharedData.path("ticks/tardis_binance-futures_btcusdt_trades_20200222.csv"))
    #expect(series.instrument == 42)
    #expect(series.trades.allSatisfy { $0.instrument == 42 })
  }

  @Test func suspiciousRowsAreKeptByDefaultAndMayBeSkipped() throws {
    let text = """
      ts_utc,price,size,exchange,sale_condition,suspicious
      2013-10-07T08:00:00.464Z,167.41,100,P,20002000,0
      2013-10-07T08:00:00.465Z,1.67,100,P,20002000,1
      2013-10-07T08:00:00.465Z,167.42,200,P,20002000,0

      """
    let kept = try #require(try readText(text).get().trades)
    #expect(kept.trades.map(\.price.raw) == [16_741, 167, 16_742])
    #expect(kept.skippedRows == 0)
    let reader = CSVReader(options: CSVReadOptions(skipSuspicious: true))
    let skipped = try #require(try readText(text, reader: reader).get().trades)
    #expect(skipped.trades.map(\.price.raw) == [16_741, 16_742])
    #expect(skipped.skippedRows == 1)
  }

  @Test func optionsAreChecked() throws {
    let cases: [(CSVReadOptions, String)] = [
      (CSVReadOptions(pricePrecision: 13), "the price precision 13 is above the maximum 12"),
      (CSVReadOptions(barDuration: 0), "the bar duration must be positive"),
      (CSVReadOptions(utcOffsetSeconds: 86_400), "the UTC offset must be less than a day"),
    ]
    for (options, message) in cases {
      let error = dataError { _ = try CSVReader(options: options).read(path: spy) }
      #expect(error?.code == .invalidOption)
      #expect(error?.message == message)
    }
  }

  @Test func singleBarNeedsAGivenDuration() throws {
    let text = "ts_utc,open,high,low,close\n2024-01-01T00:00:00Z,1,2,0.5,1.5\n"
    let error = try readFailure(text)
    #expect(error?.code == .unknownDuration)
    let reader = CSVReader(options: CSVReadOptions(barDuration: seconds(60)))
    let bars = try #require(try readText(text, reader: reader).get().bars)
    #expect(bars.bars.map(\.timestamp) == [seconds(1_704_067_260)])
  }
}
