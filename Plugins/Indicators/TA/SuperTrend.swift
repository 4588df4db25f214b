import PluginKit

/// SuperTrend (Seban; as pandas-ta's `supertrend` computes it, with TA-Lib's Wilder ATR): bands
/// `(high + low) / 2 ± multiplier * ATR(period)`. The trend turns up when the close rises above the
/// previous bar's upper band and down when it falls below the previous lower band; otherwise it
/// keeps its direction, and the band on its side may only tighten (an up-trend's lower band never
/// falls, a down-trend's upper band never rises). `value` is the lower band in an up-trend and the
/// upper band in a down-trend, `direction` +1 or -1; the first ready bar starts up. No TA-Lib twin;
/// tested on hand-checked bars. Ready after `period + 1` bars.
public final class SuperTrendIndicator: IndicatorPlugin {
  public static var input: IndicatorInputKind { .bar }
  public static var stateVersion: UInt32 { 1 }
  public static var outputNames: [String] { ["value", "direction"] }

  private let multiplier: Double
  private var range: WilderATR
  private var started = false
  private var up = true
  private var upper = 0.0
  private var lower = 0.0

  public init(host: HostContext, parameters: PluginParameters) throws {
    range = WilderATR(period: try parameters.int("period", atLeast: 1))
    multiplier = try parameters.double("multiplier")
  }

  private var header: StateHeader {
    StateHeader(id: "supertrend", parameters: [Double(range.period), multiplier])
  }

  public func update(bar: Bar) { add(high: bar.high, low: bar.low, close: bar.close) }

  public func update(value: Double, at timestamp: Int64) {
    add(high: value, low: value, close: value)
  }

  private func add(high: Double, low: Double, close: Double) {
    range.add(high: high, low: low, close: close)
    guard range.isReady else { return }
    let middle = (high + low) / 2.0
    var newUpper = middle + multiplier * range.value
    var newLower = middle - multiplier * range.value
    if started {
      if close > upper {
        up = true
      } else if close < lower {
        up = false
      } else {
        if up && newLower < lower { newLower = lower }
        if !up && newUpper > upper { newUpper = upper }
      }
    } else {
      started = true
      up = true
    }
    upper = newUpper
    lower = newLower
  }

  public func value(_ index: Int) -> Double {
    guard isReady else { return .nan }
    if index == 1 { return up ? 1 : -1 }
    return up ? lower : upper
  }

  public var isReady: Bool { started }
  public var warmupCount: Int { range.period + 1 }

  public func reset() {
    range.reset()
    started = false
    up = true
    upper = 0
    lower = 0
  }

  public func exportState(into writer: inout StateWriter) throws {
    header.write(into: &writer)
    range.write(into: &writer)
    writer.write(started)
    writer.write(up)
    writer.write(upper)
    writer.write(lower)
  }

  public func importState(from reader: inout StateReader, version: UInt32) throws {
    try header.check(from: &reader, version: version)
    try range.read(from: &reader)
    started = try reader.readBool()
    up = try reader.readBool()
    upper = try reader.readDouble()
    lower = try reader.readDouble()
    try reader.finish()
  }
}

@_cdecl("tradehost_plugin_entry_supertrend")
public func tradehostPluginEntrySuperTrend() -> UnsafeRawPointer {
  PluginExport.indicator(SuperTrendIndicator.self, id: "supertrend", version: "1.0.0")
}
