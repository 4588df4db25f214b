import CTradeHostPlugin
import HostTestKit
import PluginHost
import Testing

/// The shipped indicators against TA-Lib over the whole SPY daily file (5,849 bars), and the EMA's
/// NautilusTrader seeding against a hand-written NautilusTrader EMA.
@Suite struct IndicatorReferenceTests {
  /// Largest relative difference allowed from TA-Lib (the brief asks for 1e-9 or better).
  static let tolerance = 1e-12

  let data: ReferenceData
  let registry: PluginRegistry
  let environment = RecordingEnvironment()

  init() throws {
    data = try ReferenceData.spyDaily.get()
    registry = try TestPlugins.registry()
  }

  @Test("ema with seed sma matches TA-Lib EMA(20)")
  func emaMatchesTALib() throws {
    let ema = try registry.makeIndicator(
      "ema", parameters: [("period", "20"), ("seed", "sma")], environment: environment)
    try expectMatches(ema, try data.column("ema_20"), firstValid: 19, feed: .close)
  }

  @Test("sma (the C plugin) matches TA-Lib SMA(20)")
  func smaMatchesTALib() throws {
    let sma = try registry.makeIndicator(
      "sma", parameters: [("period", "20")], environment: environment)
    #expect(sma.plugin.language == .c)
    try expectMatches(sma, try data.column("sma_20"), firstValid: 19, feed: .close)
  }

  @Test("rsi matches TA-Lib RSI(14)")
  func rsiMatchesTALib() throws {
    let rsi = try registry.makeIndicator(
      "rsi", parameters: [("period", "14")], environment: environment)
    try expectMatches(rsi, try data.column("rsi_14"), firstValid: 14, feed: .close)
  }

  @Test("atr matches TA-Lib ATR(14), fed whole bars")
  func atrMatchesTALib() throws {
    let atr = try registry.makeIndicator(
      "atr", parameters: [("period", "14")], environment: environment)
    try expectMatches(atr, try data.column("atr_14"), firstValid: 14, feed: .bar)
  }

  @Test("value-input indicators fed bars use the close")
  func barsFeedTheClose() throws {
    for id in ["ema", "sma", "rsi"] {
      let byBar = try registry.makeIndicator(id, environment: environment)
      let byValue = try registry.makeIndicator(id, environment: environment)
      for index in 0..<200 {
        byBar.update(data.bar(index))
        byValue.update(value: data.rows[index].close, at: data.bar(index).ts_event)
        #expect(byBar.value().bitPattern == byValue.value().bitPattern, "\(id) at bar \(index)")
      }
    }
  }

  @Test("ema with seed first is NautilusTrader's EMA, bit for bit", arguments: [1, 2, 10, 20, 50])
  func emaFirstMatchesNautilus(period: Int) throws {
    let ema = try registry.makeIndicator(
      "ema", parameters: [("period", String(period))], environment: environment)
    #expect(ema.warmupCount == period)
    var reference = NautilusEMA(period: period)
    for index in data.rows.indices {
      ema.update(data.bar(index))
      reference.update(data.rows[index].close)
      #expect(ema.isReady == reference.initialized, "readiness at bar \(index)")
      if reference.initialized {
        #expect(ema.value().bitPattern == reference.value.bitPattern, "value at bar \(index)")
      } else {
        #expect(ema.value().isNaN, "value at bar \(index) before warm-up")
      }
    }
  }

  @Test("ema with seed first, by hand: period 3, inputs 1 2 3 4")
  func emaFirstByHand() throws {
    let ema = try registry.makeIndicator(
      "ema", parameters: [("period", "3")], environment: environment)
    ema.update(value: 1, at: 1)
    ema.update(value: 2, at: 2)
    #expect(!ema.isReady)
    #expect(ema.value().isNaN)
    ema.update(value: 3, at: 3)
    // alpha = 0.5: 1 -> 1 -> 1.5 -> 2.25 (exact in binary).
    #expect(ema.isReady)
    #expect(ema.value() == 2.25)
    ema.update(value: 4, at: 4)
    #expect(ema.value() == 3.125)
    ema.reset()
    #expect(!ema.isReady)
    ema.update(value: 8, at: 5)
    ema.update(value: 8, at: 6)
    ema.update(value: 8, at: 7)
    #expect(ema.value() == 8)
  }

  @Test("output index out of range is NaN")
  func outOfRangeOutput() throws {
    for id in ["ema", "sma", "rsi", "atr"] {
      let indicator = try registry.makeIndicator(
        id, parameters: [("period", "2")], environment: environment)
      for index in 0..<5 { indicator.update(data.bar(index)) }
      #expect(indicator.isReady, "\(id)")
      #expect(!indicator.value(0).isNaN, "\(id)")
      #expect(indicator.value(1).isNaN, "\(id)")
      #expect(indicator.outputNames == ["value"], "\(id)")
    }
  }

  /// Feeds the whole file and compares every output with TA-Lib's.
  private func expectMatches(
    _ indicator: IndicatorInstance, _ expected: [Double], firstValid: Int, feed: Feed
  ) throws {
    #expect(indicator.warmupCount == firstValid + 1)
    var worst = 0.0
    for index in data.rows.indices {
      switch feed {
      case .bar: indicator.update(data.bar(index))
      case .close: indicator.update(value: data.rows[index].close, at: data.bar(index).ts_event)
      }
      let value = indicator.value()
      guard index >= firstValid else {
        #expect(!indicator.isReady, "ready too early at bar \(index)")
        #expect(value.isNaN, "a value inside the lookback at bar \(index)")
        #expect(expected[index].isNaN, "the reference has a value at bar \(index)")
        continue
      }
      #expect(indicator.isReady, "not ready at bar \(index)")
      let error = abs(value - expected[index]) / max(abs(expected[index]), 1e-300)
      if !(error <= worst) { worst = error }  // NaN counts as the worst
      if !(error <= Self.tolerance) {
        Issue.record(
          "bar \(index): \(value) vs TA-Lib \(expected[index]) (relative error \(error))")
        return
      }
    }
    #expect(worst <= Self.tolerance)
  }

  enum Feed {
    case bar
    case close
  }
}

/// NautilusTrader's `ExponentialMovingAverage.update_raw` (Cython, nautilus_trader 1.221), written
/// out independently: the first input becomes the value, every input (the first included) is then
/// blended as `alpha * x + (1 - alpha) * value`, and the average is initialized after `period`
/// inputs.
struct NautilusEMA {
  let period: Int
  let alpha: Double
  var value = 0.0
  var count = 0
  var initialized = false

  init(period: Int) {
    self.period = period
    alpha = 2.0 / (Double(period) + 1.0)
  }

  mutating func update(_ x: Double) {
    if count == 0 { value = x }
    value = alpha * x + ((1.0 - alpha) * value)
    count += 1
    if count >= period { initialized = true }
  }
}
