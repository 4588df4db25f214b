import CTradeHostPlugin
import Foundation
import HostTestKit
import PluginHost
import PluginManifest
import Testing

/// A plain C library the host did not build (`Tests/Fixtures/plugins/src/fixture_ffi.c`, no
/// plugin entry), declared by the manifests in `Tests/Fixtures/ffi/` and called through libffi:
/// it behaves as the host's own indicators do, in both the array and the streaming form.
@Suite struct ForeignIndicatorTests {
  static let folder = RepositoryPaths.fixtures + "/ffi"
  let registry: PluginRegistry
  let environment = RecordingEnvironment()

  init() throws {
    registry = try TestPlugins.registry(lazily: true)
    guard FileManager.default.fileExists(
      atPath: RepositoryPaths.fixtureLibraries + "/libfixture_ffi.so")
    else { throw TestKitError("libfixture_ffi.so is missing: run `make fixtures`") }
    for name in ["fx-sma", "fx-donchian", "fx-upcount", "fx-ema", "fx-minmax"] {
      registry.load(manifestPath: Self.folder + "/\(name).yaml")
    }
    #expect(registry.errors.map(\.description) == [])
  }

  /// Feeds the same bars to two indicators; every output of both at every bar, with readiness.
  private func compare(
    _ foreign: IndicatorInstance, _ native: IndicatorInstance, outputs: [(Int, Int)],
    bars: [th_bar], tolerance: Double
  ) {
    #expect(foreign.warmupCount == native.warmupCount)
    var checked = 0
    for (index, bar) in bars.enumerated() {
      foreign.update(bar)
      native.update(bar)
      guard foreign.isReady == native.isReady else {
        Issue.record("bar \(index): ready \(foreign.isReady), the host's \(native.isReady)")
        return
      }
      for (mine, theirs) in outputs {
        let got = foreign.value(mine)
        let want = native.value(theirs)
        if !native.isReady {
          guard got.isNaN else {
            Issue.record("bar \(index): \(got) while warming up")
            return
          }
          continue
        }
        guard abs(got - want) <= tolerance * max(1, abs(want)) else {
          Issue.record("bar \(index) output \(mine): \(got), the host's \(want)")
          return
        }
        checked += 1
      }
    }
    #expect(checked > bars.count / 2)
  }

  @Test("the array form (fx_sma) equals the host's sma on SPY daily and hourly closes")
  func arraySMA() throws {
    for (file, period) in [("spy_1d_trade_bars_19980102_20210331.csv", 10), ("spy_1h_trade_bars_19980102_20210331.csv", 37)] {
      let bars = try BarFile.named(file).bars
      let parameters = [("period", String(period))]
      compare(
        try registry.makeIndicator("fx-sma", parameters: parameters, environment: environment),
        try registry.makeIndicator("sma", parameters: parameters, environment: environment),
        outputs: [(0, 0)], bars: bars, tolerance: 1e-12)
    }
  }

  @Test("two inputs and two outputs (fx_donchian) equal the host's donchian upper and lower")
  func arrayTwoOutputs() throws {
    let bars = try BarFile.named("spy_1d_trade_bars_19980102_20210331.csv").bars
    let parameters = [("period", "20")]
    compare(
      try registry.makeIndicator("fx-donchian", parameters: parameters, environment: environment),
      try registry.makeIndicator("donchian", parameters: parameters, environment: environment),
      outputs: [(0, 0), (1, 2)], bars: bars, tolerance: 0)
  }

  @Test("the streaming form (fx_ema_*) equals the host's ema bit for bit")
  func streamingEMA() throws {
    let bars = try BarFile.named("spy_1d_trade_bars_19980102_20210331.csv").bars
    for period in [1, 10, 200] {
      let parameters = [("period", String(period))]
      compare(
        try registry.makeIndicator("fx-ema", parameters: parameters, environment: environment),
        try registry.makeIndicator("ema", parameters: parameters, environment: environment),
        outputs: [(0, 0)], bars: bars, tolerance: 0)
    }
  }

  @Test("an int output is read as a number, after the declared initialize ran")
  func integerOutput() throws {
    let indicator = try registry.makeIndicator(
      "fx-upcount", parameters: [("period", "3")], environment: environment)
    #expect(indicator.warmupCount == 4)
    let closes: [Double] = [10, 11, 10, 12, 13, 14, 13]
    var values: [Double] = []
    for (index, close) in closes.enumerated() {
      indicator.update(makeBar(time: Int64(index), close: close))
      values.append(indicator.isReady ? indicator.value() : -1)
    }
    // Rises: 11>10, 12>10, 13>12, 14>13; none at 10 and 13.
    #expect(values == [-1, -1, -1, 2, 2, 3, 2])
  }

  @Test("a streaming state read by output index; an update that fails leaves it not ready")
  func streamingByIndex() throws {
    let indicator = try registry.makeIndicator("fx-minmax", environment: environment)
    #expect(indicator.outputNames == ["low", "high"])
    #expect(!indicator.isReady)
    #expect(indicator.value(0).isNaN)
    indicator.update(makeBar(time: 1, low: 9, high: 11))
    indicator.update(makeBar(time: 2, low: 8, high: 10))
    #expect(indicator.isReady)
    #expect(indicator.value(0) == 8)
    #expect(indicator.value(1) == 11)
    #expect(indicator.value(2).isNaN)
    indicator.update(makeBar(time: 3, low: .nan, high: 12))
    #expect(!indicator.isReady)
    #expect(indicator.value(1).isNaN)
    indicator.update(makeBar(time: 4, low: 7, high: 12))
    #expect(indicator.value(0) == 7)
    #expect(indicator.value(1) == 12)
    indicator.reset()
    #expect(!indicator.isReady)
    indicator.update(makeBar(time: 5, low: 20, high: 21))
    #expect(indicator.value(0) == 20)
  }

  @Test("a non-zero return makes that bar's output NaN; the next clean window is ready again")
  func arrayFailure() throws {
    let indicator = try registry.makeIndicator(
      "fx-sma", parameters: [("period", "2")], environment: environment)
    var values: [Double] = []
    for (index, close) in [1.0, 3, -1, 5, 7].enumerated() {
      indicator.update(value: close, at: Int64(index))
      values.append(indicator.isReady ? indicator.value() : .infinity)
    }
    #expect(values == [.infinity, 2, .infinity, .infinity, 6])
    #expect(indicator.value().isFinite)
  }

  @Test("parameters reach the C functions, and a value the C type cannot hold is refused")
  func parameters() throws {
    let indicator = try registry.makeIndicator(
      "fx-ema", parameters: [("period", "3")], environment: environment)
    #expect(indicator.warmupCount == 3)
    #expect(throws: PluginCallError.self) {
      _ = try registry.makeIndicator(
        "fx-ema", parameters: [("period", "100001")], environment: environment)
    }
    do {
      _ = try registry.makeIndicator(
        "fx-ema", parameters: [("period", "100001")], environment: environment)
    } catch {
      #expect(error.description == "fx-ema: create failed (TH_ERR_INVALID_ARGUMENT): fx_ema_new returned NULL")
    }
  }

  @Test("a strategy's indicator handle reaches a foreign library: ema-cross on a C ema trades as on the host's")
  func strategyHandle() throws {
    let folder = try TemporaryDirectory(prefix: "th-ffi")
    let library = RepositoryPaths.fixtureLibraries + "/libfixture_ffi.so"
    let manifest = try String(contentsOfFile: Self.folder + "/fx-ema.yaml", encoding: .utf8)
      .replacingOccurrences(of: "id: fx-ema", with: "id: ema")
      .replacingOccurrences(of: "../../../.build/fixtures/libfixture_ffi.so", with: library)
    try manifest.write(toFile: folder.file("ema.yaml"), atomically: true, encoding: .utf8)
    let foreign = PluginRegistry()
    foreign.load(manifestPath: RepositoryPaths.manifests + "/ema-cross.yaml")
    foreign.load(manifestPath: folder.file("ema.yaml"))
    #expect(foreign.errors.map(\.description) == [])
    #expect(foreign.plugin("ema")?.manifest.foreign != nil)

    let bars = try BarFile.named("spy_1d_trade_bars_19980102_20210331.csv").bars
    func intents(_ registry: PluginRegistry) throws -> [String] {
      let environment = RecordingEnvironment()
      let strategy = try registry.makeStrategy("ema-cross", environment: environment)
      for bar in bars {
        environment.setMark(bar.close, instrument: bar.instrument_id)
        try strategy.onBar(bar)
      }
      return environment.intents.map { "\($0.intent.side) \($0.intent.quantity)" }
    }
    let native = try intents(registry)
    #expect(native.count > 100)
    #expect(try intents(foreign) == native)
  }
}

/// A bar with only its range and close set.
private func makeBar(time: Int64, close: Double = 0, low: Double? = nil, high: Double? = nil)
  -> th_bar
{
  th_bar(
    struct_size: UInt32(MemoryLayout<th_bar>.size), instrument_id: 1, ts_event: time,
    open: close, high: high ?? close, low: low ?? close, close: close, volume: 1, aggregation: 0, reserved: 0, step: 0)
}
