import PluginKit

/// Stochastic RSI (TA-Lib's `STOCHRSI` with SMA smoothing; Chande and Kroll, "The New Technical
/// Trader", 1994): the fast stochastic (`stochf`) of Wilder's RSI, its high, low and close all the
/// RSI. Outputs `fastk` and `fastd`. Ready after `period + fastk_period + fastd_period - 1` inputs
/// (TA-Lib's lookback `period + fastk_period + fastd_period - 2`).
public final class StochRSIIndicator: IndicatorPlugin {
  public static var stateVersion: UInt32 { 1 }
  public static var outputNames: [String] { ["fastk", "fastd"] }

  private var rsi: WilderRSI
  private var fastK: FastK
  private var fastD: RunningSMA
  private var k = Double.nan

  public init(host: HostContext, parameters: PluginParameters) throws {
    rsi = WilderRSI(period: try parameters.int("period", atLeast: 2))
    fastK = FastK(period: try parameters.int("fastk_period", atLeast: 1))
    fastD = RunningSMA(period: try parameters.int("fastd_period", atLeast: 1))
  }

  private var header: StateHeader {
    StateHeader(
      id: "stochrsi", parameters: [Double(rsi.period), Double(fastK.period), Double(fastD.period)])
  }

  public func update(value: Double, at timestamp: Int64) {
    guard let strength = rsi.add(value),
      let next = fastK.add(high: strength, low: strength, close: strength)
    else { return }
    k = next
    fastD.add(next)
  }

  public func value(_ index: Int) -> Double {
    guard isReady else { return .nan }
    return index == 0 ? k : fastD.value
  }

  public var isReady: Bool { fastD.isReady }
  public var warmupCount: Int { rsi.period + fastK.period + fastD.period - 1 }

  public func reset() {
    rsi.reset()
    fastK.reset()
    fastD.reset()
    k = .nan
  }

  public func exportState(into writer: inout StateWriter) throws {
    header.write(into: &writer)
    writer.write(k)
    rsi.write(into: &writer)
    fastK.write(into: &writer)
    fastD.write(into: &writer)
  }

  public func importState(from reader: inout StateReader, version: UInt32) throws {
    try header.check(from: &reader, version: version)
    k = try reader.readDouble()
    try rsi.read(from: &reader)
    try fastK.read(from: &reader)
    try fastD.read(from: &reader)
    try reader.finish()
  }
}

@_cdecl("tradehost_plugin_entry_stochrsi")
public func tradehostPluginEntryStochRSI() -> UnsafeRawPointer {
  PluginExport.indicator(StochRSIIndicator.self, id: "stochrsi", version: "1.0.0")
}
