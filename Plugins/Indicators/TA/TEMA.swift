import PluginKit

/// Triple exponential moving average (TA-Lib's `TEMA`, Mulloy 1994): `e3 + 3 * e1 - 3 * e2`, where
/// `e1` is the SMA-seeded EMA of the input, `e2` that of `e1` and `e3` that of `e2`. Ready after
/// `3 * period - 2` inputs (TA-Lib's lookback `3 * (period - 1)`).
public final class TEMAIndicator: IndicatorPlugin {
  public static var stateVersion: UInt32 { 1 }

  private let period: Int
  private var first: SeededEMA
  private var second: SeededEMA
  private var third: SeededEMA

  public init(host: HostContext, parameters: PluginParameters) throws {
    period = try parameters.int("period", atLeast: 2)
    first = SeededEMA(period: period)
    second = SeededEMA(period: period)
    third = SeededEMA(period: period)
  }

  private var header: StateHeader { StateHeader(id: "tema", parameters: [Double(period)]) }

  public func update(value: Double, at timestamp: Int64) {
    first.add(value)
    guard first.isReady else { return }
    second.add(first.value)
    guard second.isReady else { return }
    third.add(second.value)
  }

  public func value(_ index: Int) -> Double {
    isReady ? third.value + ((3.0 * first.value) - (3.0 * second.value)) : .nan
  }

  public var isReady: Bool { third.isReady }
  public var warmupCount: Int { 3 * period - 2 }

  public func reset() {
    first.reset()
    second.reset()
    third.reset()
  }

  public func exportState(into writer: inout StateWriter) throws {
    header.write(into: &writer)
    first.write(into: &writer)
    second.write(into: &writer)
    third.write(into: &writer)
  }

  public func importState(from reader: inout StateReader, version: UInt32) throws {
    try header.check(from: &reader, version: version)
    try first.read(from: &reader)
    try second.read(from: &reader)
    try third.read(from: &reader)
    try reader.finish()
  }
}

@_cdecl("tradehost_plugin_entry_tema")
public func tradehostPluginEntryTEMA() -> UnsafeRawPointer {
  PluginExport.indicator(TEMAIndicator.self, id: "tema", version: "1.0.0")
}
