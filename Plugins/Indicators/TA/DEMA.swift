import PluginKit

/// Double exponential moving average (TA-Lib's `DEMA`, Mulloy 1994): `2 * e1 - e2`, where `e1` is
/// the SMA-seeded EMA of the input and `e2` the SMA-seeded EMA of `e1`. Ready after
/// `2 * period - 1` inputs (TA-Lib's lookback `2 * (period - 1)`).
public final class DEMAIndicator: IndicatorPlugin {
  public static var stateVersion: UInt32 { 1 }

  private let period: Int
  private var first: SeededEMA
  private var second: SeededEMA

  public init(host: HostContext, parameters: PluginParameters) throws {
    period = try parameters.int("period", atLeast: 2)
    first = SeededEMA(period: period)
    second = SeededEMA(period: period)
  }

  private var header: StateHeader { StateHeader(id: "dema", parameters: [Double(period)]) }

  public func update(value: Double, at timestamp: Int64) {
    first.add(value)
    if first.isReady { second.add(first.value) }
  }

  public func value(_ index: Int) -> Double {
    isReady ? (2.0 * first.value) - second.value : .nan
  }

  public var isReady: Bool { second.isReady }
  public var warmupCount: Int { 2 * period - 1 }

  public func reset() {
    first.reset()
    second.reset()
  }

  public func exportState(into writer: inout StateWriter) throws {
    header.write(into: &writer)
    first.write(into: &writer)
    second.write(into: &writer)
  }

  public func importState(from reader: inout StateReader, version: UInt32) throws {
    try header.check(from: &reader, version: version)
    try first.read(from: &reader)
    try second.read(from: &reader)
    try reader.finish()
  }
}

@_cdecl("tradehost_plugin_entry_dema")
public func tradehostPluginEntryDEMA() -> UnsafeRawPointer {
  PluginExport.indicator(DEMAIndicator.self, id: "dema", version: "1.0.0")
}
