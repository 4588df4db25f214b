import CTradeHostPlugin
import Foundation
import HostTestKit
import PluginHost
import Testing

/// TA-Lib's own C library, called through libffi from manifests that declare its functions as
/// `ta_func.h` does, equals the host's indicators within 1e-9 (relative; 1e-12 absolute below
/// 1e-3) on SPY daily and hourly bars. TA-Lib is not part of the build: the tests run when its
/// shared library is found (`TALibLibrary.path`) and are skipped otherwise.
@Suite(.enabled(if: TALibLibrary.path != nil, "TA-Lib's C library not found (set TRADEHOST_TALIB_LIBRARY)"))
struct TALibForeignTests {
  let folder: TemporaryDirectory
  let registry: PluginRegistry
  let environment = RecordingEnvironment()

  /// One declared TA-Lib function: manifest id, input kind, outputs, parameters and `ffi` lines.
  static let declarations: [(id: String, input: String, outputs: String, parameters: String, ffi: String)] = [
    (
      "ta-sma", "value", "[value]", "period: {type: int, default: 30, min: 2, max: 100000}",
      """
        inputs: [value]
        arguments: [period]
        function: int TA_SMA(int startIdx, int endIdx, const double inReal[], int optInTimePeriod, int *outBegIdx, int *outNBElement, double outReal[])
        lookback: int TA_SMA_Lookback(int optInTimePeriod)
      """
    ),
    (
      "ta-ema", "value", "[value]", "period: {type: int, default: 30, min: 2, max: 100000}",
      """
        inputs: [value]
        arguments: [period]
        function: int TA_EMA(int startIdx, int endIdx, const double inReal[], int optInTimePeriod, int *outBegIdx, int *outNBElement, double outReal[])
        lookback: int TA_EMA_Lookback(int optInTimePeriod)
        window: 1000
      """
    ),
    (
      "ta-rsi", "value", "[value]", "period: {type: int, default: 14, min: 2, max: 100000}",
      """
        inputs: [value]
        arguments: [period]
        function: int TA_RSI(int startIdx, int endIdx, const double inReal[], int optInTimePeriod, int *outBegIdx, int *outNBElement, double outReal[])
        lookback: int TA_RSI_Lookback(int optInTimePeriod)
        window: 1000
      """
    ),
    (
      "ta-atr", "bar", "[value]", "period: {type: int, default: 14, min: 1, max: 100000}",
      """
        inputs: [high, low, close]
        arguments: [period]
        function: int TA_ATR(int startIdx, int endIdx, const double inHigh[], const double inLow[], const double inClose[], int optInTimePeriod, int *outBegIdx, int *outNBElement, double outReal[])
        lookback: int TA_ATR_Lookback(int optInTimePeriod)
        window: 1000
      """
    ),
    (
      "ta-bbands", "value", "[upper, middle, lower]",
      """
      period: {type: int, default: 5, min: 2, max: 100000}
        deviations_up: {type: float, default: 2}
        deviations_down: {type: float, default: 2}
        ma_type: {type: int, default: 0, min: 0, max: 8}
      """,
      """
        inputs: [value]
        arguments: [period, deviations_up, deviations_down, ma_type]
        function: int TA_BBANDS(int startIdx, int endIdx, const double inReal[], int optInTimePeriod, double optInNbDevUp, double optInNbDevDn, int optInMAType, int *outBegIdx, int *outNBElement, double outRealUpperBand[], double outRealMiddleBand[], double outRealLowerBand[])
        lookback: int TA_BBANDS_Lookback(int optInTimePeriod, double optInNbDevUp, double optInNbDevDn, int optInMAType)
      """
    ),
    (
      "ta-macd", "value", "[macd, signal, hist]",
      """
      fast_period: {type: int, default: 12, min: 2}
        slow_period: {type: int, default: 26, min: 2}
        signal_period: {type: int, default: 9, min: 1}
      """,
      """
        inputs: [value]
        arguments: [fast_period, slow_period, signal_period]
        function: int TA_MACD(int startIdx, int endIdx, const double inReal[], int optInFastPeriod, int optInSlowPeriod, int optInSignalPeriod, int *outBegIdx, int *outNBElement, double outMACD[], double outMACDSignal[], double outMACDHist[])
        lookback: int TA_MACD_Lookback(int optInFastPeriod, int optInSlowPeriod, int optInSignalPeriod)
        window: 1000
      """
    ),
  ]

  init() throws {
    let library = try #require(TALibLibrary.path)
    folder = try TemporaryDirectory(prefix: "th-talib")
    registry = try TestPlugins.registry(lazily: true)
    for declaration in Self.declarations {
      let text = """
        id: \(declaration.id)
        kind: indicator
        version: 0.8.0
        abi: "1.0"
        library: \(library)
        description: TA-Lib's C library through libffi.
        input: \(declaration.input)
        outputs: \(declaration.outputs)
        parameters:
          \(declaration.parameters)
        ffi:
          form: array
          initialize: int TA_Initialize(void)
        \(declaration.ffi)
        """
      let path = folder.file("\(declaration.id).yaml")
      try text.write(toFile: path, atomically: true, encoding: .utf8)
      registry.load(manifestPath: path)
    }
    #expect(registry.errors.map(\.description) == [])
  }

  static func close(_ got: Double, _ want: Double) -> Bool {
    abs(want) < 1e-3 ? abs(got - want) <= 1e-12 : abs(got - want) <= 1e-9 * abs(want)
  }

  @Test(
    "TA-Lib through libffi equals the host's indicator",
    arguments: [
      ("ta-sma", "sma", [("period", "30")], "spy_1h_trade_bars_19980102_20210331.csv"),
      ("ta-sma", "sma", [("period", "7")], "spy_1d_trade_bars_19980102_20210331.csv"),
      ("ta-ema", "ema", [("period", "10")], "spy_1d_trade_bars_19980102_20210331.csv"),
      ("ta-rsi", "rsi", [("period", "14")], "spy_1d_trade_bars_19980102_20210331.csv"),
      ("ta-atr", "atr", [("period", "14")], "spy_1d_trade_bars_19980102_20210331.csv"),
      ("ta-bbands", "bbands", [("period", "20")], "spy_1h_trade_bars_19980102_20210331.csv"),
      ("ta-macd", "macd", [], "spy_1d_trade_bars_19980102_20210331.csv"),
    ])
  func parity(foreignID: String, nativeID: String, parameters: [(String, String)], file: String)
    throws
  {
    let bars = try BarFile.named(file).bars
    let foreign = try registry.makeIndicator(foreignID, parameters: parameters, environment: environment)
    let native = try registry.makeIndicator(
      nativeID, parameters: parameters + (nativeID == "ema" ? [("seed", "sma")] : []),
      environment: environment)
    #expect(foreign.warmupCount == native.warmupCount)
    #expect(foreign.outputNames.count == native.outputNames.count)
    var checked = 0
    for (index, bar) in bars.enumerated() {
      foreign.update(bar)
      native.update(bar)
      guard foreign.isReady == native.isReady else {
        Issue.record("bar \(index): ready \(foreign.isReady), the host's \(native.isReady)")
        return
      }
      guard native.isReady else { continue }
      for output in native.outputNames.indices {
        let got = foreign.value(output)
        let want = native.value(output)
        guard Self.close(got, want) else {
          Issue.record("bar \(index) \(native.outputNames[output]): TA-Lib \(got), the host \(want)")
          return
        }
        checked += 1
      }
    }
    #expect(checked >= bars.count - 100)
  }
}

/// Where TA-Lib's shared library is: `TRADEHOST_TALIB_LIBRARY`, else the one the `ta-lib` PyPI
/// wheel bundles in the virtual environment docs/indicators.md creates (`/tmp/ta-venv`), else a
/// system install.
enum TALibLibrary {
  static let path: String? = {
    if let given = ProcessInfo.processInfo.environment["TRADEHOST_TALIB_LIBRARY"], !given.isEmpty {
      return FileManager.default.fileExists(atPath: given) ? given : nil
    }
    var folders = ["/usr/lib/x86_64-linux-gnu", "/usr/local/lib", "/usr/lib"]
    let venv = "/tmp/ta-venv/lib"
    for python in (try? FileManager.default.contentsOfDirectory(atPath: venv)) ?? [] {
      folders.insert("\(venv)/\(python)/site-packages/ta_lib.libs", at: 0)
    }
    for folder in folders {
      let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
      if let name = names.sorted().first(where: { $0.hasPrefix("libta-lib") || $0.hasPrefix("libta_lib") }),
        name.contains(".so")
      {
        return folder + "/" + name
      }
    }
    return nil
  }()
}
