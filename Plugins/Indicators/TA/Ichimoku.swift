import PluginKit

/// Ichimoku kinko hyo (Hosoda, 1969; as StockCharts' "Ichimoku Cloud" defines it), the values
/// computed at the current bar: `tenkan` the midpoint of the highest high and lowest low of the
/// last `tenkan_period` bars, `kijun` the same over `kijun_period`, `senkou_a` the mean of tenkan
/// and kijun, `senkou_b` the midpoint over `senkou_b_period`. Charts draw the two senkou spans
/// `kijun_period` bars ahead and the chikou span (the close) that far behind; a strategy reading
/// the outputs now gets the values the chart will show ahead, and the close it already has, so
/// neither displacement is applied here. No TA-Lib twin; checked against TA-Lib's `MAX` and `MIN`
/// through the midpoints. Ready after the longest period.
public final class IchimokuIndicator: IndicatorPlugin {
  public static var input: IndicatorInputKind { .bar }
  public static var stateVersion: UInt32 { 1 }
  public static var outputNames: [String] { ["tenkan", "kijun", "senkou_a", "senkou_b"] }

  private var tenkanHighs, tenkanLows, kijunHighs, kijunLows, spanHighs, spanLows: ExtremeWindow
  private var count = 0
  private let longest: Int

  public init(host: HostContext, parameters: PluginParameters) throws {
    let tenkan = try parameters.int("tenkan_period", atLeast: 1)
    let kijun = try parameters.int("kijun_period", atLeast: 1)
    let span = try parameters.int("senkou_b_period", atLeast: 1)
    tenkanHighs = ExtremeWindow(period: tenkan, side: .highest)
    tenkanLows = ExtremeWindow(period: tenkan, side: .lowest)
    kijunHighs = ExtremeWindow(period: kijun, side: .highest)
    kijunLows = ExtremeWindow(period: kijun, side: .lowest)
    spanHighs = ExtremeWindow(period: span, side: .highest)
    spanLows = ExtremeWindow(period: span, side: .lowest)
    longest = max(tenkan, kijun, span)
  }

  private var header: StateHeader {
    StateHeader(
      id: "ichimoku",
      parameters: [Double(tenkanHighs.period), Double(kijunHighs.period), Double(spanHighs.period)])
  }

  public func update(bar: Bar) { add(high: bar.high, low: bar.low) }
  public func update(value: Double, at timestamp: Int64) { add(high: value, low: value) }

  private func add(high: Double, low: Double) {
    tenkanHighs.push(high, number: count)
    tenkanLows.push(low, number: count)
    kijunHighs.push(high, number: count)
    kijunLows.push(low, number: count)
    spanHighs.push(high, number: count)
    spanLows.push(low, number: count)
    if count < Int.max { count += 1 }
  }

  public func value(_ index: Int) -> Double {
    guard isReady else { return .nan }
    let tenkan = (tenkanHighs.extreme + tenkanLows.extreme) / 2.0
    let kijun = (kijunHighs.extreme + kijunLows.extreme) / 2.0
    switch index {
    case 0: return tenkan
    case 1: return kijun
    case 2: return (tenkan + kijun) / 2.0
    default: return (spanHighs.extreme + spanLows.extreme) / 2.0
    }
  }

  public var isReady: Bool { count >= longest }
  public var warmupCount: Int { longest }

  public func reset() {
    for index in 0..<6 { withWindow(index) { $0.reset() } }
    count = 0
  }

  private func withWindow(_ index: Int, _ body: (inout ExtremeWindow) throws -> Void) rethrows {
    switch index {
    case 0: try body(&tenkanHighs)
    case 1: try body(&tenkanLows)
    case 2: try body(&kijunHighs)
    case 3: try body(&kijunLows)
    case 4: try body(&spanHighs)
    default: try body(&spanLows)
    }
  }

  public func exportState(into writer: inout StateWriter) throws {
    header.write(into: &writer)
    writer.write(count)
    for window in [tenkanHighs, tenkanLows, kijunHighs, kijunLows, spanHighs, spanLows] {
      window.write(into: &writer)
    }
  }

  public func importState(from reader: inout StateReader, version: UInt32) throws {
    try header.check(from: &reader, version: version)
    count = try reader.readInt()
    guard count >= 0 else { throw PluginError.invalidArgument("ichimoku: negative state count") }
    for index in 0..<6 { try withWindow(index) { try $0.read(from: &reader) } }
    try reader.finish()
  }
}

@_cdecl("tradehost_plugin_entry_ichimoku")
public func tradehostPluginEntryIchimoku() -> UnsafeRawPointer {
  PluginExport.indicator(IchimokuIndicator.self, id: "ichimoku", version: "1.0.0")
}
