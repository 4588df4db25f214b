import HostTestKit
import MarketData
import Testing
import TradingModel

@Suite("Merging series")
struct MergeTests {
  func bars(_ instrument: InstrumentID, _ times: [Int64], close: Int64 = 1) -> MarketSeries {
    let price = Price(raw: close, precision: 0)
    return .bars(
      BarSeries(
        instrument: instrument, pricePrecision: 0, volumePrecision: 0, duration: 1,
        bars: times.enumerated().map { index, time in
          Bar(
            instrument: instrument, timestamp: time, open: price, high: price, low: price,
            close: Price(raw: close + Int64(index), precision: 0),
            volume: Quantity(raw: 0, precision: 0))
        }))
  }

  func trades(_ instrument: InstrumentID, _ times: [Int64]) -> MarketSeries {
    .trades(
      TradeSeries(
        instrument: instrument, pricePrecision: 0, sizePrecision: 0,
        trades: times.enumerated().map { index, time in
          Trade(
            instrument: instrument, timestamp: time, price: Price(raw: Int64(index), precision: 0),
            size: Quantity(raw: 1, precision: 0))
        }))
  }

  func keys(_ events: [MarketEvent]) -> [String] {
    events.map { event in
      switch event {
      case .bar(let bar): "b\(bar.instrument)@\(bar.timestamp)#\(bar.close.raw)"
      case .quote(let quote): "q\(quote.instrument)@\(quote.timestamp)"
      case .trade(let trade): "t\(trade.instrument)@\(trade.timestamp)#\(trade.price.raw)"
      }
    }
  }

  @Test func twoInstrumentsInTimeOrderTiesInSeriesOrder() {
    let a = bars(1, [10, 20, 30, 30], close: 100)
    let b = trades(2, [5, 20, 20, 35])
    let merged = MarketEventMerger.merged([a, b])
    #expect(
      keys(merged) == [
        "t2@5#0", "b1@10#100", "b1@20#101", "t2@20#1", "t2@20#2", "b1@30#102", "b1@30#103",
        "t2@35#3",
      ])
    // Listing the trades first puts them first at equal times.
    #expect(
      keys(MarketEventMerger.merged([b, a])) == [
        "t2@5#0", "b1@10#100", "t2@20#1", "t2@20#2", "b1@20#101", "b1@30#102", "b1@30#103",
        "t2@35#3",
      ])
  }

  @Test func cursorCountsDownAndPeeks() {
    var cursor = MarketEventCursor([bars(1, [3, 4]), trades(2, []), bars(3, [1])])
    #expect(cursor.remaining == 3)
    #expect(cursor.nextTimestamp == 1)
    #expect(cursor.next()?.instrument == 3)
    #expect(cursor.nextTimestamp == 3)
    #expect(cursor.next()?.timestamp == 3)
    #expect(cursor.next()?.timestamp == 4)
    #expect(cursor.remaining == 0)
    #expect(cursor.nextTimestamp == nil)
    #expect(cursor.next() == nil)
    #expect(cursor.next() == nil)
    var empty = MarketEventCursor([])
    #expect(empty.next() == nil)
  }

  /// Many random series against a reference: sort every event by (time, series, position).
  @Test func matchesAStableSortOfRandomSeries() {
    var generator = SeededGenerator(seed: 0x3E26E)
    for _ in 0..<200 {
      let seriesCount = Int.random(in: 1...9, using: &generator)
      var all: [MarketSeries] = []
      var reference: [(time: Int64, series: Int, position: Int, event: MarketEvent)] = []
      for index in 0..<seriesCount {
        var time = Int64.random(in: 0...5, using: &generator)
        var times: [Int64] = []
        for _ in 0..<Int.random(in: 0...30, using: &generator) {
          time += Int64.random(in: 0...3, using: &generator)
          times.append(time)
        }
        let series =
          index % 2 == 0
          ? trades(InstrumentID(index), times) : bars(InstrumentID(index), times.map { $0 * 2 })
        all.append(series)
        for position in 0..<series.count {
          reference.append(
            (series.timestamp(at: position), index, position, series.event(at: position)))
        }
      }
      reference.sort { ($0.time, $0.series, $0.position) < ($1.time, $1.series, $1.position) }
      #expect(MarketEventMerger.merged(all) == reference.map(\.event))
    }
  }

  @Test func realBarsAndTicksOfTwoInstruments() throws {
    let bars = try CSVReader(options: CSVReadOptions(instrument: 1)).read(
      path: SharedData.path("bars/spy_1s_trade_bars_20131007_20131011.csv"))
    let ticks = try CSVReader(options: CSVReadOptions(instrument: 2)).read(
      path: SharedData.path("ticks/spy_trade_ticks_20131007.csv"))
    var cursor = MarketEventCursor([bars, ticks])
    var count = 0
    var previous = Int64.min
    var perInstrument: [InstrumentID: Int] = [:]
    var inOrder = true
    while let event = cursor.next() {
      inOrder = inOrder && event.timestamp >= previous
      let position = perInstrument[event.instrument, default: 0]
      let source = event.instrument == 1 ? bars : ticks
      inOrder = inOrder && source.event(at: position) == event
      perInstrument[event.instrument] = position + 1
      previous = event.timestamp
      count += 1
    }
    #expect(inOrder)
    #expect(count == 100_184 + 250_601)
    #expect(perInstrument == [1: 100_184, 2: 250_601])
  }
}
