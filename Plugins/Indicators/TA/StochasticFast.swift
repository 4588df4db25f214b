import PluginKit

/// Fast stochastic oscillator (TA-Lib's `STOCHF` with SMA smoothing): `fastk` the raw %K over
/// `fastk_period` bars (see `FastK`), `fastd` its SMA over `fastd_period`. Ready after
/// `fastk_period + fastd_period - 1` bars.
public final class StochasticFastIndicator: IndicatorPlugin {
  public static var input: IndicatorInputKind { .bar }
  public static var stateVersion: UInt32 { 1 }
  public static var outputNames: [String] { ["fastk", "fastd"] }

  private var fastK: FastK
  private var fastD: RunningSMA
  private var k = Double.nan

  public init(host: HostContext, parameters: PluginParameters) throws {
    fastK = FastK(period: try parameters.int("fastk_period", atLeast: 1))
    fastD = RunningSMA(period: try parameters.int("fastd_period", atLeast: 1))
  }

  private var header: StateHeader {
    StateHeader(id: "stochf", parameters: [Double(fastK.period), Double(fastD.period)])
  }

  public func update(bar: Bar) { add(high: bar.high, low: bar.low, close: bar.close) }

  public func update(value: Double, at timestamp: Int64) {
    add(high: value, low: value, close: value)
  }

  private func add(high: Double, low: Double, close: Double) {
    guard let next = fastK.add(high: high, low: low, close: close) else { return }
    k = next
    fastD.add(next)
  }

  public func value(_ index: Int) -> Double {
    guard isReady else { return .nan }
    return index == 0 ? k : fastD.value
  }

  public var isReady: Bool { fastD.isReady }
  public var warmupCount: Int { fastK.period + fastD.period - 1 }

  public func reset() {
    fastK.reset()
    fastD.reset()
    k = .nan
  }

  public func exportState(into writer: inout StateWriter) throws {
    header.write(into: &writer)
    writer.write(k)
    fastK.write(into: &writer)
    fastD.write(into: &writer)
  }

  public func importState(from reader: inout StateReader, version: UInt32) throws {
    try header.check(from: &reader, version: version)
    k = try reader.readDouble()
    try fastK.read(from: &reader)
    try fastD.read(from: &reader)
    try reader.finish()
  }
}

@_cdecl("tradehost_plugin_entry_stochf")
public func tradehostPluginEntryStochasticFast() -> UnsafeRawPointer {
  PluginExport.indicator(StochasticFastIndicator.self, id: "stochf", version: "1.0.0")
}
