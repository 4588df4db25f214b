import PluginKit

/// Weighted moving average (TA-Lib's `WMA`): the newest of `period` inputs weighs `period`, the
/// oldest 1, divided by `period * (period + 1) / 2`. Kept in O(1) by TA-Lib's running sums: the
/// weighted sum gains `period * x` and loses the plain sum of the window at each step. Ready after
/// `period` inputs (TA-Lib's lookback `period - 1`).
public final class WMAIndicator: IndicatorPlugin {
  public static var stateVersion: UInt32 { 1 }

  private let period: Int
  private let divider: Double
  private var window: Window
  private var count = 0
  /// Plain sum of the inputs still weighted.
  private var plainSum = 0.0
  /// Weighted sum, before the output is taken.
  private var weightedSum = 0.0
  /// The input that leaves the plain sum at the next step.
  private var trailing = 0.0

  public init(host: HostContext, parameters: PluginParameters) throws {
    period = try parameters.int("period", atLeast: 2)
    divider = Double((period * (period + 1)) >> 1)
    window = Window(capacity: period)
  }

  private var header: StateHeader { StateHeader(id: "wma", parameters: [Double(period)]) }

  public func update(value: Double, at timestamp: Int64) {
    window.push(value)
    if count < period - 1 {
      plainSum += value
      weightedSum += value * Double(count + 1)
      count += 1
      return
    }
    plainSum += value
    plainSum -= trailing
    weightedSum += value * Double(period)
    trailing = window.oldest
    output = weightedSum / divider
    weightedSum -= plainSum
    count = period
  }

  private var output = Double.nan

  public func value(_ index: Int) -> Double { isReady ? output : .nan }
  public var isReady: Bool { count >= period }
  public var warmupCount: Int { period }

  public func reset() {
    window.removeAll()
    count = 0
    plainSum = 0
    weightedSum = 0
    trailing = 0
    output = .nan
  }

  public func exportState(into writer: inout StateWriter) throws {
    header.write(into: &writer)
    writer.write(count)
    writer.write(plainSum)
    writer.write(weightedSum)
    writer.write(trailing)
    writer.write(output)
    window.write(into: &writer)
  }

  public func importState(from reader: inout StateReader, version: UInt32) throws {
    try header.check(from: &reader, version: version)
    let stateCount = try reader.readInt()
    guard (0...period).contains(stateCount) else {
      throw PluginError.invalidArgument("wma: state count \(stateCount) outside 0...\(period)")
    }
    count = stateCount
    plainSum = try reader.readDouble()
    weightedSum = try reader.readDouble()
    trailing = try reader.readDouble()
    output = try reader.readDouble()
    try window.read(from: &reader)
    try reader.finish()
  }
}

@_cdecl("tradehost_plugin_entry_wma")
public func tradehostPluginEntryWMA() -> UnsafeRawPointer {
  PluginExport.indicator(WMAIndicator.self, id: "wma", version: "1.0.0")
}
