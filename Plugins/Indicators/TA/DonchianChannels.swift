import PluginKit

/// Donchian channels (Donchian; as in Kaufman, "Trading Systems and Methods", 6th ed., ch. 5):
/// `upper` the highest high and `lower` the lowest low of the last `period` bars, the current bar
/// included, `middle` their mean. No TA-Lib function has all three, but `upper` is TA-Lib's
/// `MAX(high, period)` and `lower` its `MIN(low, period)`, which the parity tests check. Monotonic
/// windows, amortised O(1). Ready after `period` bars.
public final class DonchianChannelsIndicator: IndicatorPlugin {
  public static var input: IndicatorInputKind { .bar }
  public static var stateVersion: UInt32 { 1 }
  public static var outputNames: [String] { ["upper", "middle", "lower"] }

  private let period: Int
  private var highs: ExtremeWindow
  private var lows: ExtremeWindow
  private var count = 0

  public init(host: HostContext, parameters: PluginParameters) throws {
    period = try parameters.int("period", atLeast: 1)
    highs = ExtremeWindow(period: period, side: .highest)
    lows = ExtremeWindow(period: period, side: .lowest)
  }

  private var header: StateHeader { StateHeader(id: "donchian", parameters: [Double(period)]) }

  public func update(bar: Bar) { add(high: bar.high, low: bar.low) }
  public func update(value: Double, at timestamp: Int64) { add(high: value, low: value) }

  private func add(high: Double, low: Double) {
    highs.push(high, number: count)
    lows.push(low, number: count)
    if count < Int.max { count += 1 }
  }

  public func value(_ index: Int) -> Double {
    guard isReady else { return .nan }
    switch index {
    case 0: return highs.extreme
    case 1: return (highs.extreme + lows.extreme) / 2.0
    default: return lows.extreme
    }
  }

  public var isReady: Bool { count >= period }
  public var warmupCount: Int { period }

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
    guard count >= 0 else { throw PluginError.invalidArgument("donchian: negative state count") }
    try highs.read(from: &reader)
    try lows.read(from: &reader)
    try reader.finish()
  }
}

@_cdecl("tradehost_plugin_entry_donchian")
public func tradehostPluginEntryDonchianChannels() -> UnsafeRawPointer {
  PluginExport.indicator(DonchianChannelsIndicator.self, id: "donchian", version: "1.0.0")
}
