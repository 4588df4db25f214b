import PluginKit

/// On-balance volume (TA-Lib's `OBV`; Granville, 1963): starts at the first bar's volume, then adds
/// the bar's volume when the close rises, subtracts it when the close falls and keeps it when the
/// close is unchanged. Ready from the first bar (TA-Lib's lookback 0).
public final class OBVIndicator: IndicatorPlugin {
  public static var input: IndicatorInputKind { .bar }
  public static var stateVersion: UInt32 { 1 }

  private var started = false
  private var previousClose = 0.0
  private var total = 0.0

  public init(host: HostContext, parameters: PluginParameters) throws {}

  private var header: StateHeader { StateHeader(id: "obv", parameters: []) }

  public func update(bar: Bar) {
    if !started {
      total = bar.volume
      started = true
    } else if bar.close > previousClose {
      total += bar.volume
    } else if bar.close < previousClose {
      total -= bar.volume
    }
    previousClose = bar.close
  }

  /// A bare value carries no volume: it only moves the reference close.
  public func update(value: Double, at timestamp: Int64) {
    if !started {
      total = 0
      started = true
    }
    previousClose = value
  }

  public func value(_ index: Int) -> Double { isReady ? total : .nan }
  public var isReady: Bool { started }
  public var warmupCount: Int { 1 }

  public func reset() {
    started = false
    previousClose = 0
    total = 0
  }

  public func exportState(into writer: inout StateWriter) throws {
    header.write(into: &writer)
    writer.write(started)
    writer.write(previousClose)
    writer.write(total)
  }

  public func importState(from reader: inout StateReader, version: UInt32) throws {
    try header.check(from: &reader, version: version)
    started = try reader.readBool()
    previousClose = try reader.readDouble()
    total = try reader.readDouble()
    try reader.finish()
  }
}

@_cdecl("tradehost_plugin_entry_obv")
public func tradehostPluginEntryOBV() -> UnsafeRawPointer {
  PluginExport.indicator(OBVIndicator.self, id: "obv", version: "1.0.0")
}
