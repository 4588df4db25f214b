import PluginKit

/// True range (TA-Lib's `TRANGE`; Wilder, "New Concepts in Technical Trading Systems", 1978): the
/// largest of `high - low`, `|previous close - high|` and `|previous close - low|`. The first bar
/// only supplies a previous close: ready after 2 bars (TA-Lib's lookback 1). A bare value is a bar
/// whose prices all equal it.
public final class TrueRangeIndicator: IndicatorPlugin {
  public static var input: IndicatorInputKind { .bar }
  public static var stateVersion: UInt32 { 1 }

  private var count = 0
  private var previousClose = 0.0
  private var range = Double.nan

  public init(host: HostContext, parameters: PluginParameters) throws {}

  private var header: StateHeader { StateHeader(id: "trange", parameters: []) }

  public func update(bar: Bar) { add(high: bar.high, low: bar.low, close: bar.close) }

  public func update(value: Double, at timestamp: Int64) {
    add(high: value, low: value, close: value)
  }

  private func add(high: Double, low: Double, close: Double) {
    if count > 0 { range = trueRange(high: high, low: low, previousClose: previousClose) }
    previousClose = close
    if count < 2 { count += 1 }
  }

  public func value(_ index: Int) -> Double { isReady ? range : .nan }
  public var isReady: Bool { count >= 2 }
  public var warmupCount: Int { 2 }

  public func reset() {
    count = 0
    previousClose = 0
    range = .nan
  }

  public func exportState(into writer: inout StateWriter) throws {
    header.write(into: &writer)
    writer.write(count)
    writer.write(previousClose)
    writer.write(range)
  }

  public func importState(from reader: inout StateReader, version: UInt32) throws {
    try header.check(from: &reader, version: version)
    let stateCount = try reader.readInt()
    guard (0...2).contains(stateCount) else {
      throw PluginError.invalidArgument("trange: state count \(stateCount) outside 0...2")
    }
    count = stateCount
    previousClose = try reader.readDouble()
    range = try reader.readDouble()
    try reader.finish()
  }
}

/// Wilder's true range, in TA-Lib's order of comparison.
@inline(__always)
func trueRange(high: Double, low: Double, previousClose: Double) -> Double {
  var greatest = high - low
  let up = abs(previousClose - high)
  if up > greatest { greatest = up }
  let down = abs(previousClose - low)
  if down > greatest { greatest = down }
  return greatest
}

@_cdecl("tradehost_plugin_entry_trange")
public func tradehostPluginEntryTrueRange() -> UnsafeRawPointer {
  PluginExport.indicator(TrueRangeIndicator.self, id: "trange", version: "1.0.0")
}
