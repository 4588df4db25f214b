import PluginKit

/// Chaikin accumulation/distribution line (TA-Lib's `AD`; Chaikin): the running sum of
/// `((close - low) - (high - close)) / (high - low) * volume`, a bar with `high == low` adding
/// nothing. Ready from the first bar.
public final class AccumulationDistributionIndicator: IndicatorPlugin {
  public static var input: IndicatorInputKind { .bar }
  public static var stateVersion: UInt32 { 1 }

  private var line = 0.0
  private var started = false

  public init(host: HostContext, parameters: PluginParameters) throws {}

  private var header: StateHeader { StateHeader(id: "ad", parameters: []) }

  public func update(bar: Bar) {
    line = accumulate(line, high: bar.high, low: bar.low, close: bar.close, volume: bar.volume)
    started = true
  }

  /// A bare value has no range and no volume: it adds nothing.
  public func update(value: Double, at timestamp: Int64) { started = true }

  public func value(_ index: Int) -> Double { started ? line : .nan }
  public var isReady: Bool { started }
  public var warmupCount: Int { 1 }

  public func reset() {
    line = 0
    started = false
  }

  public func exportState(into writer: inout StateWriter) throws {
    header.write(into: &writer)
    writer.write(started)
    writer.write(line)
  }

  public func importState(from reader: inout StateReader, version: UInt32) throws {
    try header.check(from: &reader, version: version)
    started = try reader.readBool()
    line = try reader.readDouble()
    try reader.finish()
  }
}

/// One bar's step of the A/D line, in TA-Lib's order of operations.
@inline(__always)
func accumulate(_ line: Double, high: Double, low: Double, close: Double, volume: Double)
  -> Double
{
  let range = high - low
  guard range > 0.0 else { return line }
  return line + (((close - low) - (high - close)) / range) * volume
}

@_cdecl("tradehost_plugin_entry_ad")
public func tradehostPluginEntryAccumulationDistribution() -> UnsafeRawPointer {
  PluginExport.indicator(AccumulationDistributionIndicator.self, id: "ad", version: "1.0.0")
}
