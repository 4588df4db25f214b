import PluginKit

/// TRIX (TA-Lib's `TRIX`; Hutson, 1983): the one-step rate of change in percent of a triple
/// SMA-seeded EMA, `(e3 / previous e3 - 1) * 100` (0 when the previous e3 is 0). Ready after
/// `3 * period - 1` inputs (TA-Lib's lookback `3 * (period - 1) + 1`).
public final class TRIXIndicator: IndicatorPlugin {
  public static var stateVersion: UInt32 { 1 }

  private let period: Int
  private var first: SeededEMA
  private var second: SeededEMA
  private var third: SeededEMA
  private var previous = Double.nan
  private var output = Double.nan

  public init(host: HostContext, parameters: PluginParameters) throws {
    period = try parameters.int("period", atLeast: 1)
    first = SeededEMA(period: period)
    second = SeededEMA(period: period)
    third = SeededEMA(period: period)
  }

  private var header: StateHeader { StateHeader(id: "trix", parameters: [Double(period)]) }

  public func update(value: Double, at timestamp: Int64) {
    first.add(value)
    guard first.isReady else { return }
    second.add(first.value)
    guard second.isReady else { return }
    third.add(second.value)
    guard third.isReady else { return }
    if !previous.isNaN {
      output = previous != 0.0 ? ((third.value / previous) - 1.0) * 100.0 : 0.0
    }
    previous = third.value
  }

  public func value(_ index: Int) -> Double { output }
  public var isReady: Bool { !output.isNaN }
  public var warmupCount: Int { 3 * period - 1 }

  public func reset() {
    first.reset()
    second.reset()
    third.reset()
    previous = .nan
    output = .nan
  }

  public func exportState(into writer: inout StateWriter) throws {
    header.write(into: &writer)
    first.write(into: &writer)
    second.write(into: &writer)
    third.write(into: &writer)
    writer.write(previous)
    writer.write(output)
  }

  public func importState(from reader: inout StateReader, version: UInt32) throws {
    try header.check(from: &reader, version: version)
    try first.read(from: &reader)
    try second.read(from: &reader)
    try third.read(from: &reader)
    previous = try reader.readDouble()
    output = try reader.readDouble()
    try reader.finish()
  }
}

@_cdecl("tradehost_plugin_entry_trix")
public func tradehostPluginEntryTRIX() -> UnsafeRawPointer {
  PluginExport.indicator(TRIXIndicator.self, id: "trix", version: "1.0.0")
}
