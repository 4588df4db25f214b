import PluginKit

/// Keltner channels in Raschke's form (as StockCharts' "Keltner Channels" defines them; Keltner,
/// "How to Make Money in Commodities", 1960, used a moving average of the typical price and the
/// average range instead): `middle` the SMA-seeded EMA of the close over `period`, `upper` and
/// `lower` `middle ± multiplier * ATR(atr_period)` with Wilder's ATR. No TA-Lib function has it;
/// its parts are TA-Lib's `EMA` and `ATR`, which the parity tests check through the bands.
/// Ready when both parts are: after `max(period, atr_period + 1)` bars.
public final class KeltnerChannelsIndicator: IndicatorPlugin {
  public static var input: IndicatorInputKind { .bar }
  public static var stateVersion: UInt32 { 1 }
  public static var outputNames: [String] { ["upper", "middle", "lower"] }

  private let multiplier: Double
  private var average: SeededEMA
  private var range: WilderATR

  public init(host: HostContext, parameters: PluginParameters) throws {
    average = SeededEMA(period: try parameters.int("period", atLeast: 1))
    range = WilderATR(period: try parameters.int("atr_period", atLeast: 1))
    multiplier = try parameters.double("multiplier")
  }

  private var header: StateHeader {
    StateHeader(
      id: "keltner", parameters: [Double(average.period), Double(range.period), multiplier])
  }

  public func update(bar: Bar) {
    average.add(bar.close)
    range.add(high: bar.high, low: bar.low, close: bar.close)
  }

  public func update(value: Double, at timestamp: Int64) {
    average.add(value)
    range.add(high: value, low: value, close: value)
  }

  public func value(_ index: Int) -> Double {
    guard isReady else { return .nan }
    switch index {
    case 0: return average.value + multiplier * range.value
    case 1: return average.value
    default: return average.value - multiplier * range.value
    }
  }

  public var isReady: Bool { average.isReady && range.isReady }
  public var warmupCount: Int { max(average.period, range.period + 1) }

  public func reset() {
    average.reset()
    range.reset()
  }

  public func exportState(into writer: inout StateWriter) throws {
    header.write(into: &writer)
    average.write(into: &writer)
    range.write(into: &writer)
  }

  public func importState(from reader: inout StateReader, version: UInt32) throws {
    try header.check(from: &reader, version: version)
    try average.read(from: &reader)
    try range.read(from: &reader)
    try reader.finish()
  }
}

@_cdecl("tradehost_plugin_entry_keltner")
public func tradehostPluginEntryKeltnerChannels() -> UnsafeRawPointer {
  PluginExport.indicator(KeltnerChannelsIndicator.self, id: "keltner", version: "1.0.0")
}
