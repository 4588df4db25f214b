import PluginKit

/// Aroon (TA-Lib's `AROON`; Chande, 1995): over the last `period + 1` bars, `aroonup` is
/// `100 * (period - bars since the highest high) / period` and `aroondown` the same for the lowest
/// low; of equal extremes the newest counts (as TA-Lib). Monotonic windows, amortised O(1). Ready
/// after `period + 1` bars (TA-Lib's lookback `period`).
public final class AroonIndicator: IndicatorPlugin {
  public static var input: IndicatorInputKind { .bar }
  public static var stateVersion: UInt32 { 1 }
  public static var outputNames: [String] { ["aroondown", "aroonup"] }

  private let period: Int
  private var highs: ExtremeWindow
  private var lows: ExtremeWindow
  private var count = 0

  public init(host: HostContext, parameters: PluginParameters) throws {
    period = try parameters.int("period", atLeast: 2)
    highs = ExtremeWindow(period: period + 1, side: .highest)
    lows = ExtremeWindow(period: period + 1, side: .lowest)
  }

  private var header: StateHeader { StateHeader(id: "aroon", parameters: [Double(period)]) }

  public func update(bar: Bar) { add(high: bar.high, low: bar.low) }
  public func update(value: Double, at timestamp: Int64) { add(high: value, low: value) }

  private func add(high: Double, low: Double) {
    highs.push(high, number: count)
    lows.push(low, number: count)
    if count < Int.max { count += 1 }
  }

  public func value(_ index: Int) -> Double {
    guard isReady else { return .nan }
    let newest = count - 1
    let since = newest - (index == 0 ? lows.extremeNumber : highs.extremeNumber)
    return (100.0 / Double(period)) * Double(period - since)
  }

  public var isReady: Bool { count > period }
  public var warmupCount: Int { period + 1 }

  public func reset() {
    highs.reset()
    lows.reset()
    count = 0
  }

  public func exportState(into writer: inout StateWriter) throws {
    header.write(into: &writer)
    writer.write(count)
    highs.write(into: &writer)
    lows.write(into: &writer)
  }

  public func importState(from reader: inout StateReader, version: UInt32) throws {
    try header.check(from: &reader, version: version)
    count = try reader.readInt()
    guard count >= 0 else { throw PluginError.invalidArgument("aroon: negative state count") }
    try highs.read(from: &reader)
    try lows.read(from: &reader)
    try reader.finish()
  }
}

@_cdecl("tradehost_plugin_entry_aroon")
public func tradehostPluginEntryAroon() -> UnsafeRawPointer {
  PluginExport.indicator(AroonIndicator.self, id: "aroon", version: "1.0.0")
}
