import PluginKit

/// Slow stochastic oscillator (TA-Lib's `STOCH` with SMA smoothing; Lane, 1950s): the fast %K
/// `(close - lowest low) / (highest high - lowest low) * 100` over `fastk_period` bars (0 for an
/// empty range, as TA-Lib), `slowk` its SMA over `slowk_period`, `slowd` the SMA of `slowk` over
/// `slowd_period`. Ready after `fastk_period + slowk_period + slowd_period - 2` bars.
public final class StochasticIndicator: IndicatorPlugin {
  public static var input: IndicatorInputKind { .bar }
  public static var stateVersion: UInt32 { 1 }
  public static var outputNames: [String] { ["slowk", "slowd"] }

  private var fastK: FastK
  private var slowK: RunningSMA
  private var slowD: RunningSMA

  public init(host: HostContext, parameters: PluginParameters) throws {
    fastK = FastK(period: try parameters.int("fastk_period", atLeast: 1))
    slowK = RunningSMA(period: try parameters.int("slowk_period", atLeast: 1))
    slowD = RunningSMA(period: try parameters.int("slowd_period", atLeast: 1))
  }

  private var header: StateHeader {
    StateHeader(
      id: "stoch",
      parameters: [Double(fastK.period), Double(slowK.period), Double(slowD.period)])
  }

  public func update(bar: Bar) { add(high: bar.high, low: bar.low, close: bar.close) }

  public func update(value: Double, at timestamp: Int64) {
    add(high: value, low: value, close: value)
  }

  private func add(high: Double, low: Double, close: Double) {
    guard let k = fastK.add(high: high, low: low, close: close) else { return }
    slowK.add(k)
    if slowK.isReady { slowD.add(slowK.value) }
  }

  public func value(_ index: Int) -> Double {
    guard isReady else { return .nan }
    return index == 0 ? slowK.value : slowD.value
  }

  public var isReady: Bool { slowD.isReady }
  public var warmupCount: Int { fastK.period + slowK.period + slowD.period - 2 }

  public func reset() {
    fastK.reset()
    slowK.reset()
    slowD.reset()
  }

  public func exportState(into writer: inout StateWriter) throws {
    header.write(into: &writer)
    fastK.write(into: &writer)
    slowK.write(into: &writer)
    slowD.write(into: &writer)
  }

  public func importState(from reader: inout StateReader, version: UInt32) throws {
    try header.check(from: &reader, version: version)
    try fastK.read(from: &reader)
    try slowK.read(from: &reader)
    try slowD.read(from: &reader)
    try reader.finish()
  }
}

@_cdecl("tradehost_plugin_entry_stoch")
public func tradehostPluginEntryStochastic() -> UnsafeRawPointer {
  PluginExport.indicator(StochasticIndicator.self, id: "stoch", version: "1.0.0")
}
