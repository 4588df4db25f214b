import MarketData
import Testing
import TradingModel

@Suite("Layout detection")
struct LayoutDetectionTests {
  func detect(_ relative: String) throws -> CSVLayout {
    try CSVLayout.detect(path: SharedData.path(relative))
  }

  @Test func backtraderHeaderWithSevenNamesOverEightFields() throws {
    let layout = try detect("bars/backtrader_2006-01-02-volume-min-001.txt")
    #expect(layout.headerLacksTimeColumn)
    #expect(layout.kind == .bars)
    #expect(
      layout.columns.map(\.role) == [.date, .time, .open, .high, .low, .close, .volume, .ignored])
    #expect(
      layout.columns.map(\.name) == [
        "Date", "Time", "Open", "High", "Low", "Close", "Volume", "OpenInterest",
      ])
    #expect(layout.utcOffsetSeconds == 0)
  }

  @Test func backtraderDateTimeColumnsCombine() throws {
    let series = try CSVReader(options: CSVReadOptions(barTimestamp: .close)).readBars(
      path: SharedData.path("bars/backtrader_2006-01-02-volume-min-001.txt"))
    // 2006-01-02,09:01:00 and 2006-01-02,09:02:00, read as UTC (the zone is unknown).
    #expect(series.bars[0].timestamp == seconds(1_136_192_460))
    #expect(series.bars[1].timestamp == seconds(1_136_192_520))
  }

  @Test func yahooAdjustedCloseIsIgnored() throws {
    let layout = try detect("bars/backtrader_orcl-1995-2014.txt")
    #expect(!layout.headerLacksTimeColumn)
    #expect(
      layout.columns.map(\.role) == [.timestamp, .open, .high, .low, .close, .ignored, .volume])
    #expect(layout.columns[5].name == "Adj Close")
  }

  @Test func histDataIsHeaderlessQuotesInEST() throws {
    let layout = try detect("ticks/histdata_eurusd_quote_ticks_20200101.csv")
    #expect(!layout.hasHeader)
    #expect(layout.kind == .quotes)
    #expect(layout.timestampFormat == .histData)
    #expect(layout.utcOffsetSeconds == -18_000)
    #expect(layout.columns.map(\.role) == [.timestamp, .bid, .ask, .ignored])
  }

  @Test func tardisColumnsMapByName() throws {
    let quotes = try detect("ticks/tardis_binance-futures_btcusdt_quotes_20200222.csv")
    #expect(quotes.timestampFormat == .epochMicroseconds)
    #expect(
      quotes.columns.map(\.role) == [
        .ignored, .ignored, .timestamp, .ignored, .askSize, .ask, .bid, .bidSize,
      ])
    let trades = try detect("ticks/tardis_binance-futures_btcusdt_trades_20200222.csv")
    #expect(trades.kind == .trades)
    #expect(
      trades.columns.map(\.role) == [
        .ignored, .ignored, .timestamp, .ignored, .ignored, .side, .price, .size,
      ])
  }

  @Test func oandaIsBidAskBars() throws {
    let layout = try detect("bars/oanda_eurusd_1h_bidask_20070101_20181231.csv")
    #expect(layout.kind == .bidAskBars)
    #expect(
      layout.description
        == "bidask-bars header ',' iso8601 utc+0 [ts_utc=timestamp,bid_open,bid_high,bid_low,"
        + "bid_close,ask_open,ask_high,ask_low,ask_close]")
  }

  @Test func spyTicksKnowTheSuspiciousColumn() throws {
    let layout = try detect("ticks/spy_trade_ticks_20131007.csv")
    #expect(layout.kind == .trades)
    #expect(
      layout.columns.map(\.role) == [.timestamp, .price, .size, .ignored, .ignored, .suspicious])
  }

  @Test func layoutNamesParse() {
    #expect(LayoutChoice(name: "detect") == .detect)
    #expect(LayoutChoice(name: "bars") == .kind(.bars))
    #expect(LayoutChoice(name: "bidask-bars") == .kind(.bidAskBars))
    #expect(LayoutChoice(name: "quotes") == .kind(.quotes))
    #expect(LayoutChoice(name: "trades") == .kind(.trades))
    #expect(LayoutChoice(name: "bar") == nil)
    #expect(LayoutChoice.names == ["detect", "bars", "bidask-bars", "quotes", "trades"])
  }

  @Test func requestedKindMustMatchTheColumns() throws {
    let reader = CSVReader(layout: .kind(.quotes))
    let error = dataError {
      _ = try reader.read(path: SharedData.path("bars/spy_1d_trade_bars_19980102_20210331.csv"))
    }
    #expect(error?.code == .unrecognizedLayout)
    #expect(error?.message.contains("bid, ask") == true)
  }

  @Test func barsRequestAcceptsBidAskColumns() throws {
    let series = try CSVReader(layout: .kind(.bars), options: CSVReadOptions(barSide: .bid))
      .readBars(path: SharedData.path("bars/oanda_eurusd_1h_bidask_20070101_20181231.csv"))
    #expect(series.bars.first?.open.raw == 131_927)
  }

  @Test func headerlessFileWithRequestedKindUsesTheStandardLayout() throws {
    let text = "2024-01-01T00:00:00Z,100.5,3\n2024-01-01T00:00:01Z,100.25,1.5\n"
    let series = try readText(text, reader: CSVReader(layout: .kind(.trades))).get()
    let trades = try #require(series.trades)
    #expect(trades.trades.map(\.price.raw) == [10_050, 10_025])
    #expect(trades.trades.map(\.size.raw) == [30, 15])
    #expect(trades.sizePrecision == 1)
  }

  @Test func explicitLayoutIsUsedAsIs() throws {
    var layout = CSVLayout.standard(.quotes, fieldCount: 5)
    layout.delimiter = UInt8(ascii: "|")
    let text = "2024-01-01T00:00:00Z|1.1|1.2|5|6\n"
    let series = try readText(text, reader: CSVReader(layout: .explicit(layout))).get()
    let quote = try #require(series.quotes?.quotes.first)
    #expect(
      [quote.bid.raw, quote.ask.raw, quote.bidSize.raw, quote.askSize.raw] == [11, 12, 5, 6])
  }

  @Test func semicolonHistDataMinuteBars() throws {
    // HistData's M1 bar form: no header, `;`, no milliseconds.
    let text =
      "20200101 170000;1.12120;1.12130;1.12110;1.12125;0\n"
      + "20200101 170100;1.12125;1.12140;1.12120;1.12130;0\n"
    let layout = try CSVLayout.detect(bytes: Array(text.utf8), path: "m1.csv")
    #expect(layout.kind == .bars && layout.delimiter == UInt8(ascii: ";") && !layout.hasHeader)
    let bars = try #require(try readText(text).get().bars)
    // 17:00 EST = 22:00 UTC, plus one minute to the close.
    #expect(bars.bars.first?.timestamp == seconds(1_577_916_060))
    #expect(bars.bars.first?.close.raw == 112_125)
  }

  @Test func headerlessDateAndTimeColumns() throws {
    let text = "2006-01-02,09:01:00,1,2,0.5,1.5,10\n2006-01-02,09:02:00,1,2,0.5,1.5,10\n"
    let layout = try CSVLayout.detect(bytes: Array(text.utf8), path: "bt.csv")
    #expect(layout.columns.map(\.role) == [.date, .time, .open, .high, .low, .close, .volume])
  }

  @Test func unknownHeaderIsRefused() throws {
    let error = try readFailure("alpha,beta,gamma\n1,2,3\n")
    #expect(error?.code == .unrecognizedLayout)
    #expect(error?.line == 1)
  }

  @Test func unknownTimestampFormIsRefused() throws {
    let error = try readFailure("timestamp,bid,ask\n07/10/2013 08:00,1,2\n", name: "q.csv")
    #expect(error?.code == .malformedTimestamp)
    #expect(error?.line == 2 && error?.column == 1 && error?.columnName == "timestamp")
  }
}
