import PluginKit

/// Slope of the least-squares line through the last `period` inputs, per step (TA-Lib's
/// `LINEARREG_SLOPE`): with the inputs at x = 0 (oldest) ... period - 1 (newest),
/// `(n Σxy - Σx Σy) / (n Σx² - (Σx)²)`. Σy and Σxy are kept as running sums of deviations from an
/// anchor input (the slope does not change when every input is shifted), re-anchored and
/// recomputed over the window every `period` inputs, so rounding cannot build up: amortised O(1).
/// Ready after `period` inputs (TA-Lib's lookback `period - 1`).
public final class LinearRegressionSlopeIndicator: IndicatorPlugin {
  public static var stateVersion: UInt32 { 1 }

  private let period: Int
  private let sumX: Double
  private let divisor: Double
  private var window: Window
  private var anchor = 0.0
  private var sumY = 0.0
  private var sumXY = 0.0
  private var sinceAnchor = Int.max

  public init(host: HostContext, parameters: PluginParameters) throws {
    period = try parameters.int("period", atLeast: 2)
    let n = Double(period)
    sumX = n * (n - 1) / 2
    let sumXSquared = (n - 1) * n * (2 * n - 1) / 6
    divisor = n * sumXSquared - sumX * sumX
    window = Window(capacity: period)
  }

  private var header: StateHeader {
    StateHeader(id: "linearreg_slope", parameters: [Double(period)])
  }

  public func update(value: Double, at timestamp: Int64) {
    if window.isFull && sinceAnchor < period {
      let leaving = window.oldest - anchor
      sumY -= leaving
      sumXY -= sumY  // every remaining input moves one step closer to x = 0
    }
    window.push(value)
    if sinceAnchor >= period {
      anchor = value
      sumY = 0
      sumXY = 0
      let count = window.count
      for age in 0..<count {
        let deviation = window[age: age] - anchor
        sumY += deviation
        sumXY += Double(count - 1 - age) * deviation
      }
      sinceAnchor = 1
      return
    }
    let deviation = value - anchor
    sumXY += Double(window.count - 1) * deviation
    sumY += deviation
    sinceAnchor += 1
  }

  public func value(_ index: Int) -> Double {
    guard isReady else { return .nan }
    return (Double(period) * sumXY - sumX * sumY) / divisor
  }

  public var isReady: Bool { window.isFull }
  public var warmupCount: Int { period }

  public func reset() {
    window.removeAll()
    anchor = 0
    sumY = 0
    sumXY = 0
    sinceAnchor = Int.max
  }

  public func exportState(into writer: inout StateWriter) throws {
    header.write(into: &writer)
    writer.write(anchor)
    writer.write(sumY)
    writer.write(sumXY)
    writer.write(sinceAnchor)
    window.write(into: &writer)
  }

  public func importState(from reader: inout StateReader, version: UInt32) throws {
    try header.check(from: &reader, version: version)
    anchor = try reader.readDouble()
    sumY = try reader.readDouble()
    sumXY = try reader.readDouble()
    sinceAnchor = try reader.readInt()
    guard sinceAnchor >= 0 else {
      throw PluginError.invalidArgument("linearreg_slope: negative state count")
    }
    try window.read(from: &reader)
    try reader.finish()
  }
}

@_cdecl("tradehost_plugin_entry_linearreg_slope")
public func tradehostPluginEntryLinearRegressionSlope() -> UnsafeRawPointer {
  PluginExport.indicator(
    LinearRegressionSlopeIndicator.self, id: "linearreg_slope", version: "1.0.0")
}
