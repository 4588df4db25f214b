import PluginKit

/// Commodity channel index (TA-Lib's `CCI`; Lambert, "Commodity Channel Index: Tools for Trading
/// Cyclic Trends", Commodities 1980): with the typical price `tp = (high + low + close) / 3` of the
/// last `period` bars, `(tp - mean) / (0.015 * mean absolute deviation)`, 0 when either is 0 (as
/// TA-Lib). The mean absolute deviation needs every typical price of the window at each bar, so
/// this indicator costs O(period) per update, the one exception to O(1) in the library. Ready
/// after `period` bars (TA-Lib's lookback `period - 1`).
public final class CCIIndicator: IndicatorPlugin {
  public static var input: IndicatorInputKind { .bar }
  public static var stateVersion: UInt32 { 1 }

  private let period: Int
  private var typical: Window
  private var output = Double.nan

  public init(host: HostContext, parameters: PluginParameters) throws {
    period = try parameters.int("period", atLeast: 2)
    typical = Window(capacity: period)
  }

  private var header: StateHeader { StateHeader(id: "cci", parameters: [Double(period)]) }

  public func update(bar: Bar) { add((bar.high + bar.low + bar.close) / 3.0) }
  public func update(value: Double, at timestamp: Int64) { add(value) }

  private func add(_ price: Double) {
    typical.push(price)
    guard typical.isFull else { return }
    var mean = 0.0
    for age in 0..<period { mean += typical[age: age] }
    mean /= Double(period)
    var deviation = 0.0
    for age in 0..<period { deviation += abs(typical[age: age] - mean) }
    let distance = price - mean
    output =
      (distance != 0.0 && deviation != 0.0)
      ? distance / (0.015 * (deviation / Double(period))) : 0.0
  }

  public func value(_ index: Int) -> Double { isReady ? output : .nan }
  public var isReady: Bool { typical.isFull }
  public var warmupCount: Int { period }

  public func reset() {
    typical.removeAll()
    output = .nan
  }

  public func exportState(into writer: inout StateWriter) throws {
    header.write(into: &writer)
    writer.write(output)
    typical.write(into: &writer)
  }

  public func importState(from reader: inout StateReader, version: UInt32) throws {
    try header.check(from: &reader, version: version)
    output = try reader.readDouble()
    try typical.read(from: &reader)
    try reader.finish()
  }
}

@_cdecl("tradehost_plugin_entry_cci")
public func tradehostPluginEntryCCI() -> UnsafeRawPointer {
  PluginExport.indicator(CCIIndicator.self, id: "cci", version: "1.0.0")
}
