import PluginKit

/// Williams %R (TA-Lib's `WILLR`; Williams, 1973): `(highest high - close) / (highest high - lowest
/// low) * -100` over the last `period` bars, from 0 (close at the high) to -100 (at the low); 0 when
/// the range is empty (as TA-Lib). Highs and lows are kept in monotonic windows, amortised O(1).
/// Ready after `period` bars (TA-Lib's lookback `period - 1`).
public final class WilliamsRIndicator: IndicatorPlugin {
  public static var input: IndicatorInputKind { .bar }
  public static var stateVersion: UInt32 { 1 }

  private let period: Int
  private var highs: ExtremeWindow
  private var lows: ExtremeWindow
  private var count = 0
  private var close = 0.0

  public init(host: HostContext, parameters: PluginParameters) throws {
    period = try parameters.int("period", atLeast: 2)
    highs = ExtremeWindow(period: period, side: .highest)
    lows = ExtremeWindow(period: period, side: .lowest)
  }

  private var header: StateHeader { StateHeader(id: "willr", parameters: [Double(period)]) }

  public func update(bar: Bar) { add(high: bar.high, low: bar.low, close: bar.close) }

  public func update(value: Double, at timestamp: Int64) {
    add(high: value, low: value, close: value)
  }

  private func add(high: Double, low: Double, close: Double) {
    highs.push(high, number: count)
    lows.push(low, number: count)
    self.close = close
    if count < Int.max { count += 1 }
  }

  public func value(_ index: Int) -> Double {
    guard isReady else { return .nan }
    let highest = highs.extreme
    let divisor = (highest - lows.extreme) / -100.0
    return divisor != 0.0 ? (highest - close) / divisor : 0.0
  }

  public var isReady: Bool { count >= period }
  public var warmupCount: Int { period }

  public func reset() {
    highs.reset()
    lows.reset()
    count = 0
    close = 0
  }

  public func exportState(into writer: inout StateWriter) throws {
    header.write(into: &writer)
    writer.write(count)
    writer.write(close)
    highs.write(into: &writer)
    lows.write(into: &writer)
  }

  public func importState(from reader: inout StateReader, version: UInt32) throws {
    try header.check(from: &reader, version: version)
    let stateCount = try reader.readInt()
    guard stateCount >= 0 else {
      throw PluginError.invalidArgument("willr: negative state count \(stateCount)")
    }
    count = stateCount
    close = try reader.readDouble()
    try highs.read(from: &reader)
    try lows.read(from: &reader)
    try reader.finish()
  }
}

@_cdecl("tradehost_plugin_entry_willr")
public func tradehostPluginEntryWilliamsR() -> UnsafeRawPointer {
  PluginExport.indicator(WilliamsRIndicator.self, id: "willr", version: "1.0.0")
}
