import CTradeHostPlugin
import Foundation
import HostTestKit
import PluginHost
import Testing

/// The TA library's indicators against TA-Lib 0.8, on the SPY daily and hourly bars: every plugin
/// is fed the whole file and must be not ready (all outputs NaN) inside TA-Lib's lookback, ready
/// from the bar after it, and within 1e-9 relative of TA-Lib's value at every pinned bar (1e-12
/// absolute where TA-Lib's value is below 1e-3 in magnitude)
/// (`Tests/Fixtures/talib/pinned.csv`). The registry opens only the libraries a test uses.
@Suite struct TAParityTests {
  static let tolerance = 1e-9
  /// Below this magnitude TA-Lib's value is compared absolutely, within 1e-12 (1e-9 of 1e-3): a
  /// value that small is rounding noise around 0 (a %D of 0 made of sums that cancel), where a
  /// relative error means nothing.
  static let relativeFloor = 1e-3

  static let ids = [
    "wma", "dema", "tema", "mom", "roc", "stddev", "bbands", "macd", "trange", "natr", "willr",
    "obv", "stoch", "stochf", "aroon", "ad", "adosc", "adx", "mfi", "trix", "ultosc", "donchian",
    "linearreg_slope", "t3", "kama", "stochrsi", "cci", "keltner", "ichimoku",
    "sar",
  ]

  let registry: PluginRegistry
  let environment = RecordingEnvironment()

  init() throws { registry = try TestPlugins.registry(lazily: true) }

  @Test("matches TA-Lib on two bar files of different frequencies", arguments: ids)
  func matchesTALib(id: String) throws {
    let cases = try PinnedTALib.cases().filter { $0.indicator == id }
    #expect(Set(cases.map(\.file)).count >= 2, "\(id) is pinned on fewer than two files")
    for pinned in cases {
      let file = try BarFile.named(pinned.file)
      let indicator = try registry.makeIndicator(
        id, parameters: pinned.parameters, environment: environment)
      // Every pinned output exists (donchian's middle has no TA-Lib twin and is not pinned).
      #expect(Set(pinned.values.keys).isSubset(of: Set(indicator.outputNames)), "\(pinned)")
      #expect(indicator.warmupCount == pinned.lookback + 1, "\(pinned) warm-up")
      var expected: [Int: [(output: Int, value: Double)]] = [:]
      for (name, values) in pinned.values {
        let output = try #require(indicator.outputNames.firstIndex(of: name), "\(pinned) \(name)")
        for (bar, value) in values { expected[bar, default: []].append((output, value)) }
      }
      var worst = 0.0
      var checked = 0
      for (index, bar) in file.bars.enumerated() {
        indicator.update(bar)
        if index < pinned.lookback {
          guard !indicator.isReady, indicator.value(0).isNaN else {
            Issue.record("\(pinned): ready or valued inside the lookback at bar \(index)")
            return
          }
          continue
        }
        guard indicator.isReady else {
          Issue.record("\(pinned): not ready at bar \(index)")
          return
        }
        for (output, value) in expected[index] ?? [] {
          let actual = indicator.value(output)
          let error = abs(actual - value) / max(abs(value), Self.relativeFloor)
          checked += 1
          if !(error <= worst) { worst = error }
          if !(error <= Self.tolerance) {
            let name = indicator.outputNames[output]
            Issue.record(
              "\(pinned) \(name) at bar \(index): \(actual) vs TA-Lib \(value) (error \(error))")
            return
          }
        }
      }
      #expect(checked == pinned.values.values.map(\.count).reduce(0, +), "\(pinned)")
    }
  }

  /// Indicators with no TA-Lib twin, checked by hand below.
  static let handChecked = ["cmf", "parkinson", "garman_klass", "vwap", "supertrend"]

  @Test("export then import continues bit for bit", arguments: ids + handChecked)
  func stateRoundTrip(id: String) throws {
    let bars = try BarFile.named("spy_1d_trade_bars_19980102_20210331.csv").bars
    for handover in [3, 40, 1000] {
      let old = try registry.makeIndicator(id, environment: environment)
      for index in 0..<handover { old.update(bars[index]) }
      let state = try old.exportState()
      #expect(state.version == 1)
      let new = try registry.makeIndicator(id, environment: environment)
      try new.importState(version: state.version, bytes: state.bytes)
      for index in handover..<(handover + 300) {
        old.update(bars[index])
        new.update(bars[index])
        #expect(new.isReady == old.isReady, "\(id) readiness at bar \(index)")
        for output in 0..<old.outputNames.count
        where new.value(output).bitPattern != old.value(output).bitPattern {
          Issue.record("\(id) output \(output) at bar \(index) after a handover at \(handover)")
          return
        }
      }
      old.reset()
      #expect(!old.isReady, "\(id) ready after reset")
    }
  }

  @Test("a state from other parameters or another version is refused")
  func foreignStateRefused() throws {
    let bars = try BarFile.named("spy_1d_trade_bars_19980102_20210331.csv").bars
    let source = try registry.makeIndicator(
      "macd", parameters: [("fast_period", "5")], environment: environment)
    for bar in bars.prefix(60) { source.update(bar) }
    let state = try source.exportState()
    let target = try registry.makeIndicator("macd", environment: environment)
    #expect(throws: PluginCallError.self) {
      try target.importState(version: state.version, bytes: state.bytes)
    }
    let same = try registry.makeIndicator(
      "macd", parameters: [("fast_period", "5")], environment: environment)
    #expect(throws: PluginCallError.self) {
      try same.importState(version: 2, bytes: state.bytes)
    }
    #expect(throws: PluginCallError.self) {
      try same.importState(version: 1, bytes: Array(state.bytes.dropLast()))
    }
  }

  @Test("wma by hand: period 3 over 1, 2, 3, 4")
  func wmaByHand() throws {
    let wma = try registry.makeIndicator(
      "wma", parameters: [("period", "3")], environment: environment)
    wma.update(value: 1, at: 1)
    wma.update(value: 2, at: 2)
    #expect(!wma.isReady)
    wma.update(value: 3, at: 3)
    #expect(wma.value() == 14.0 / 6.0)  // (1*1 + 2*2 + 3*3) / 6
    wma.update(value: 4, at: 4)
    #expect(wma.value() == 20.0 / 6.0)  // (2*1 + 3*2 + 4*3) / 6
  }

  /// A bar with the given prices (time is not read by these indicators).
  private func bar(
    _ open: Double, _ high: Double, _ low: Double, _ close: Double, _ volume: Double,
    at time: Int64 = 1
  ) -> th_bar {
    th_bar(
      struct_size: UInt32(MemoryLayout<th_bar>.size), instrument_id: 1, ts_event: time,
      open: open, high: high, low: low, close: close, volume: volume, aggregation: 0, reserved: 0, step: 0)
  }

  @Test("vwap by hand: sums restart with each session; a bar closing at midnight ends the day")
  func vwapByHand() throws {
    let vwap = try registry.makeIndicator("vwap", environment: environment)
    let hour: Int64 = 3_600_000_000_000
    let day = 24 * hour + 19_000 * 24 * hour  // some day's midnight UTC
    vwap.update(bar(10, 12, 8, 10, 100, at: day + 12 * hour))  // typical 10
    vwap.update(bar(20, 22, 18, 20, 300, at: day + 13 * hour))  // typical 20
    #expect(vwap.value() == 7_000.0 / 400.0)
    vwap.update(bar(30, 32, 28, 30, 100, at: day + 24 * hour))  // closes at midnight: same day
    #expect(vwap.value() == 10_000.0 / 500.0)
    vwap.update(bar(40, 42, 38, 40, 0, at: day + 25 * hour))  // next session, no volume yet
    #expect(!vwap.isReady)
    #expect(vwap.value().isNaN)
    vwap.update(bar(50, 52, 48, 50, 10, at: day + 26 * hour))
    #expect(vwap.value() == 50)
    let shifted = try registry.makeIndicator(
      "vwap", parameters: [("session_start_minutes", "810")], environment: environment)
    shifted.update(bar(10, 12, 8, 10, 100, at: day + 13 * hour))  // before 13:30: the day before
    shifted.update(bar(20, 22, 18, 20, 100, at: day + 14 * hour))  // after 13:30: a new session
    #expect(shifted.value() == 20)
  }

  @Test("parkinson by hand: two bars whose high is 1.1 times their low")
  func parkinsonByHand() throws {
    let parkinson = try registry.makeIndicator(
      "parkinson", parameters: [("period", "2")], environment: environment)
    parkinson.update(bar(100, 110, 100, 105, 1))
    #expect(!parkinson.isReady)
    parkinson.update(bar(105, 121, 110, 115, 1))
    // mean(ln(1.1)²) / (4 ln 2), square-rooted: ln(1.1) / (2 sqrt(ln 2)).
    let expected = log(1.1) / (2 * log(2.0).squareRoot())
    #expect(abs(parkinson.value() - expected) <= 1e-15 * expected)
  }

  @Test("garman_klass by hand: a bar that opens at its low and closes at its high")
  func garmanKlassByHand() throws {
    let estimator = try registry.makeIndicator(
      "garman_klass", parameters: [("period", "1")], environment: environment)
    estimator.update(bar(100, 110, 100, 110, 1))
    // 0.5 ln(1.1)² - (2 ln 2 - 1) ln(1.1)² = (1.5 - 2 ln 2) ln(1.1)².
    let expected = log(1.1) * (1.5 - 2 * log(2.0)).squareRoot()
    #expect(abs(estimator.value() - expected) <= 1e-14 * expected)
  }

  @Test("cmf by hand: flows 50, 0 (no range), -100 over volumes 100, 300, 100")
  func cmfByHand() throws {
    let cmf = try registry.makeIndicator(
      "cmf", parameters: [("period", "2")], environment: environment)
    cmf.update(bar(5, 10, 0, 7.5, 100))  // location (5 - 2.5) / 10 = 0.5
    #expect(!cmf.isReady)
    cmf.update(bar(10, 10, 10, 10, 300))
    #expect(cmf.value() == 50.0 / 400.0)
    cmf.update(bar(3, 4, 2, 2, 100))  // location (0 - 2) / 2 = -1
    #expect(cmf.value() == -100.0 / 400.0)
  }

  @Test("supertrend by hand: ATR(1) bands at one ATR, an up-trend, a break down, a tightening")
  func supertrendByHand() throws {
    let trend = try registry.makeIndicator(
      "supertrend", parameters: [("period", "1"), ("multiplier", "1")], environment: environment)
    trend.update(bar(9, 10, 8, 9, 1))
    #expect(!trend.isReady)
    trend.update(bar(9, 11, 9, 10, 1))  // TR 2, midpoint 10: bands 12 / 8, starts up
    #expect(trend.value(0) == 8)
    #expect(trend.value(1) == 1)
    trend.update(bar(10, 12, 10, 11.5, 1))  // TR 2, midpoint 11: bands 13 / 9, still up
    #expect(trend.value(0) == 9)
    trend.update(bar(11, 9, 5, 6, 1))  // TR 6.5, midpoint 7: bands 13.5 / 0.5; 6 < 9: down
    #expect(trend.value(0) == 13.5)
    #expect(trend.value(1) == -1)
    trend.update(bar(6, 8, 6, 7, 1))  // TR 2, midpoint 7: upper 9 (tightens from 13.5)
    #expect(trend.value(0) == 9)
    #expect(trend.value(1) == -1)
  }

  @Test("macd refuses a fast period not below the slow one, naming both")
  func macdPeriodsChecked() throws {
    let error = #expect(throws: PluginCallError.self) {
      _ = try registry.makeIndicator(
        "macd", parameters: [("fast_period", "26"), ("slow_period", "12")],
        environment: environment)
    }
    let message = error.map { "\($0)" } ?? ""
    #expect(message.contains("fast_period (26) must be below slow_period (12)"), "\(message)")
  }
}
