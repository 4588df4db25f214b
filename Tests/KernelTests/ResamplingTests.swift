import Backtest
import Foundation
import HostTestKit
import Kernel
import PluginHost
import TradingModel
import Testing

/// Bars resampled in the kernel for a slot's `bars:` subscriptions: the `bar-recorder` fixture
/// strategy records every callback in order (`Tests/Fixtures/plugins/src/fixture_recorder.c`),
/// and each resampled bar must hold exactly the events of its period and reach the slot after
/// every one of them and before any later one: never before it closed, never late.
@Suite struct ResamplingTests {
  /// One recorded callback.
  struct Record {
    let kind: Int32
    let aggregation: UInt32
    let step: Double
    let time: Int64
    let now: Int64
    let open, high, low, close, volume: Double
  }

  static func records(_ bytes: [UInt8]) -> [Record] {
    stride(from: 0, to: bytes.count, by: 72).map { offset in
      bytes.withUnsafeBytes { raw in
        let base = raw.baseAddress! + offset
        return Record(
          kind: base.loadUnaligned(as: Int32.self),
          aggregation: base.loadUnaligned(fromByteOffset: 4, as: UInt32.self),
          step: base.loadUnaligned(fromByteOffset: 8, as: Double.self),
          time: base.loadUnaligned(fromByteOffset: 16, as: Int64.self),
          now: base.loadUnaligned(fromByteOffset: 24, as: Int64.self),
          open: base.loadUnaligned(fromByteOffset: 32, as: Double.self),
          high: base.loadUnaligned(fromByteOffset: 40, as: Double.self),
          low: base.loadUnaligned(fromByteOffset: 48, as: Double.self),
          close: base.loadUnaligned(fromByteOffset: 56, as: Double.self),
          volume: base.loadUnaligned(fromByteOffset: 64, as: Double.self))
      }
    }
  }

  /// Runs the recorder over `source` with `bars` and returns what it saw, and the kernel.
  static func record(_ source: BacktestPlan.Source, bars: [String]) throws -> ([Record], Kernel) {
    let registry = try TestPlugins.registry(lazily: true)
    registry.load(manifestPath: RepositoryPaths.fixtures + "/resample/bar-recorder.yaml")
    var plan = BacktestPlan()
    plan.sources = [source]
    var slot = BacktestPlan.SlotPlan(name: "recorder", strategy: "bar-recorder")
    slot.bars = try bars.map { try BarAggregation.parse($0).get() }
    plan.slots = [slot]
    plan.risk = .unlimited
    let prepared = try BacktestRunner.prepare(
      plan, registry: registry, cacheDirectory: nil, recordEquityCurve: false,
      log: KernelLog.discard)
    _ = BacktestRunner.run(prepared)
    let state = try prepared.kernel.slots[0].strategy.exportState()
    return (records(state.bytes), prepared.kernel)
  }

  /// Checks every resampled bar of series (`aggregation`, `step`) against the feed records before
  /// it: it holds exactly the feed events of `(end - length, end]` (time bars) and arrives after
  /// all feed events up to its close and before any later one.
  static func checkTimeBars(
    _ records: [Record], step: Double, sourceIsBars: Bool, minimum: Int
  ) {
    let length = Int64(step * 1e9)
    var feed: [Record] = []
    var checked = 0
    for record in records {
      if record.aggregation == 0 {
        feed.append(record)
        continue
      }
      guard record.step == step, record.aggregation == 1 else { continue }
      // Never early, never late: the feed seen so far ends exactly at the bar's close.
      guard let last = feed.last, last.time <= record.time else {
        Issue.record("a \(step)s bar closing \(record.time) came before its events")
        return
      }
      #expect(record.now >= record.time, "seen at \(record.now) before its close \(record.time)")
      let members = feed.reversed().prefix { $0.time > record.time - length }.reversed()
      guard let first = members.first else {
        Issue.record("an empty \(step)s bar at \(record.time)")
        return
      }
      #expect(record.time % length == 0)
      #expect(record.open == first.open && record.close == members.last!.close)
      #expect(record.high == members.map(\.high).max()! && record.low == members.map(\.low).min()!)
      let volume = members.map(\.volume).reduce(0, +)
      #expect(abs(record.volume - volume) <= 1e-9 * max(1, volume))
      checked += 1
    }
    #expect(checked >= minimum, "\(checked) bars of \(step)s")
    // No bar was skipped: every closed period of the feed produced one.
    let periods = Set(feed.map { ($0.time + length - 1) / length })
    let lastOpen = (feed.last!.time + length - 1) / length
    let closedPeriods = sourceIsBars && feed.last!.time % length == 0 ? periods.count : periods.count - (periods.contains(lastOpen) ? 1 : 0)
    #expect(checked == closedPeriods, "\(checked) bars for \(closedPeriods) closed periods of \(step)s")
  }

  @Test("1-second SPY bars into 1-minute and 5-minute bars, each seen once it closes, never before")
  func secondsIntoMinutes() throws {
    let (records, kernel) = try Self.record(
      .init(path: BacktestFixture.spySeconds, instrument: "SPY.ARCA"), bars: ["1m", "5m"])
    let feed = records.filter { $0.aggregation == 0 }
    #expect(feed.count == 100_184)
    Self.checkTimeBars(records, step: 60, sourceIsBars: true, minimum: 1_500)
    Self.checkTimeBars(records, step: 300, sourceIsBars: true, minimum: 300)
    #expect(kernel.counters.resampledBars == records.count - feed.count)
    #expect(kernel.counters.bars == feed.count)
    // A 5-minute bar and the 1-minute bar closing at the same time: the minute comes first (the
    // order the slot listed them), both right after the feed bar stamped at their close (or,
    // when the feed has no bar there, right before the first one after it).
    let fives = records.indices.filter { records[$0].step == 300 }
    #expect(fives.count >= 300)
    var atTheClose = 0
    var minutes: [Int64: Int] = [:]
    for index in records.indices where records[index].step == 60 { minutes[records[index].time] = index }
    for index in fives {
      let five = records[index]
      let minute = minutes[five.time]
      if let minute { #expect(minute == index - 1) }
      if minute == index - 1, records[index - 2].aggregation == 0,
        records[index - 2].time == five.time
      {
        atTheClose += 1
      } else if index + 1 < records.count {
        #expect(records[index + 1].aggregation == 0 && records[index + 1].time > five.time)
      }
    }
    #expect(atTheClose > 100)
  }

  @Test("trade ticks into 1-minute bars: a period closes at the first trade after it")
  func ticksIntoMinutes() throws {
    let (records, _) = try Self.record(
      .init(
        path: RepositoryPaths.sharedData + "/ticks/spy_trade_ticks_20131007.csv",
        instrument: "SPY.ARCA"), bars: ["1m"])
    let trades = records.filter { $0.kind == 3 }
    #expect(trades.count == 250_601)
    Self.checkTimeBars(records, step: 60, sourceIsBars: false, minimum: 500)
    // The bar comes right before the first trade of a later period.
    for index in records.indices where records[index].aggregation == 1 {
      guard index + 1 < records.count else { continue }
      #expect(records[index + 1].kind == 3 && records[index + 1].time > records[index].time)
    }
  }

  @Test("tick, volume and dollar bars close with the event that completes them")
  func thresholdBars() throws {
    let (records, _) = try Self.record(
      .init(
        path: RepositoryPaths.sharedData + "/ticks/spy_trade_ticks_20131007.csv",
        instrument: "SPY.ARCA"), bars: ["ticks:500", "volume:100000", "dollars:5000000"])
    var feed: [Record] = []
    var checked = [UInt32: Int]()
    var since: [UInt32: Int] = [2: 0, 3: 0, 4: 0]
    for record in records {
      if record.aggregation == 0 {
        feed.append(record)
        continue
      }
      let start = since[record.aggregation]!
      let members = feed[start...]
      since[record.aggregation] = feed.count
      // Each bar is delivered right after the event that completed it and holds the events
      // since the previous bar of its series.
      #expect(record.time == members.last!.time)
      #expect(record.open == members.first!.open && record.close == members.last!.close)
      let volume = members.map(\.volume).reduce(0, +)
      #expect(abs(record.volume - volume) <= 1e-6)
      switch record.aggregation {
      case 2: #expect(members.count == 500)
      case 3:
        #expect(volume >= 100_000 && volume - members.last!.volume < 100_000)
      default:
        let notional = members.map { $0.close * $0.volume }.reduce(0, +)
        let before = notional - members.last!.close * members.last!.volume
        #expect(notional >= 5_000_000 - 1e-3 && before < 5_000_000 + 1e-3)
      }
      checked[record.aggregation, default: 0] += 1
    }
    #expect(checked[2] == 250_601 / 500)
    #expect((checked[3] ?? 0) > 100)
    #expect((checked[4] ?? 0) > 100)
  }

  @Test("a slot without bars: sees only the feed; the series text is checked")
  func parsing() throws {
    let (records, kernel) = try Self.record(
      .init(path: BacktestFixture.spySeconds, instrument: "SPY.ARCA"), bars: [])
    #expect(records.allSatisfy { $0.aggregation == 0 })
    #expect(kernel.counters.resampledBars == 0)
    #expect(try BarAggregation.parse("90s").get() == .time(nanoseconds: 90_000_000_000))
    #expect(try BarAggregation.parse("1d").get().description == "1d")
    #expect(try BarAggregation.parse("120m").get().description == "2h")
    #expect(try BarAggregation.parse("dollars:2500000").get().abiStep == 2_500_000)
    for bad in ["", "5", "0m", "-1m", "5w", "ticks:0", "volume:-3", "volume:nan", "candles:5", "400d"] {
      #expect(throws: BarAggregationError.self, "\(bad)") { try BarAggregation.parse(bad).get() }
    }
  }
}
