import PluginKit

/// Population standard deviation of the last `period` inputs times `deviations` (TA-Lib's
/// `STDDEV`): the square root of the variance `mean(x²) - mean(x)²` from anchored running sums
/// (`RunningMoments`), 0 where that variance is below 1e-8 (TA-Lib's `TA_IS_ZERO_OR_NEG`). Ready
/// after `period` inputs (TA-Lib's lookback `period - 1`).
public final class StdDevIndicator: IndicatorPlugin {
  public static var stateVersion: UInt32 { 1 }

  private let period: Int
  private let deviations: Double
  private var sums = RunningMoments()
  private var window: Window
  private var output = Double.nan

  public init(host: HostContext, parameters: PluginParameters) throws {
    period = try parameters.int("period", atLeast: 2)
    deviations = try parameters.double("deviations")
    window = Window(capacity: period)
  }

  private var header: StateHeader {
    StateHeader(id: "stddev", parameters: [Double(period), deviations])
  }

  public func update(value: Double, at timestamp: Int64) {
    window.push(value)
    sums.addNewest(of: window)
    guard window.isFull else { return }
    let variance = sums.variance(period: period)
    sums.removeOldest(of: window)
    output = variance < 0.00000001 ? 0.0 : variance.squareRoot() * deviations
  }

  public func value(_ index: Int) -> Double { isReady ? output : .nan }
  public var isReady: Bool { window.isFull }
  public var warmupCount: Int { period }

  public func reset() {
    window.removeAll()
    sums.reset()
    output = .nan
  }

  public func exportState(into writer: inout StateWriter) throws {
    header.write(into: &writer)
    sums.write(into: &writer)
    writer.write(output)
    window.write(into: &writer)
  }

  public func importState(from reader: inout StateReader, version: UInt32) throws {
    try header.check(from: &reader, version: version)
    try sums.read(from: &reader)
    output = try reader.readDouble()
    try window.read(from: &reader)
    try reader.finish()
  }
}

@_cdecl("tradehost_plugin_entry_stddev")
public func tradehostPluginEntryStdDev() -> UnsafeRawPointer {
  PluginExport.indicator(StdDevIndicator.self, id: "stddev", version: "1.0.0")
}
