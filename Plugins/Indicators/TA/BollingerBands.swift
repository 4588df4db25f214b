import PluginKit

/// Bollinger bands over a simple moving average (TA-Lib's `BBANDS` with `matype` SMA; Bollinger,
/// "Bollinger on Bollinger Bands", 2001): `middle` is the SMA of the last `period` inputs, `upper`
/// and `lower` are `middle ± deviations_up/down * σ`, σ the population standard deviation around
/// that SMA (0 where the variance is below 1e-8, as TA-Lib). Running sums in TA-Lib's order
/// (`TA_INT_SMA`, `TA_INT_stddev_using_precalc_ma`). Ready after `period` inputs.
public final class BollingerBandsIndicator: IndicatorPlugin {
  public static var stateVersion: UInt32 { 1 }
  public static var outputNames: [String] { ["upper", "middle", "lower"] }

  private let period: Int
  private let deviationsUp: Double
  private let deviationsDown: Double
  private var window: Window
  private var sum = 0.0
  private var sumOfSquares = 0.0
  private var middle = Double.nan
  private var sigma = Double.nan

  public init(host: HostContext, parameters: PluginParameters) throws {
    period = try parameters.int("period", atLeast: 2)
    deviationsUp = try parameters.double("deviations_up")
    deviationsDown = try parameters.double("deviations_down")
    window = Window(capacity: period)
  }

  private var header: StateHeader {
    StateHeader(id: "bbands", parameters: [Double(period), deviationsUp, deviationsDown])
  }

  public func update(value: Double, at timestamp: Int64) {
    window.push(value)
    sum += value
    sumOfSquares += value * value
    guard window.isFull else { return }
    let oldest = window.oldest
    middle = sum / Double(period)
    sum -= oldest
    var variance = sumOfSquares / Double(period)
    sumOfSquares -= oldest * oldest
    variance -= middle * middle
    sigma = variance < 0.00000001 ? 0.0 : variance.squareRoot()
  }

  public func value(_ index: Int) -> Double {
    guard isReady else { return .nan }
    switch index {
    case 0: return middle + sigma * deviationsUp
    case 1: return middle
    default: return middle - sigma * deviationsDown
    }
  }

  public var isReady: Bool { window.isFull }
  public var warmupCount: Int { period }

  public func reset() {
    window.removeAll()
    sum = 0
    sumOfSquares = 0
    middle = .nan
    sigma = .nan
  }

  public func exportState(into writer: inout StateWriter) throws {
    header.write(into: &writer)
    writer.write(sum)
    writer.write(sumOfSquares)
    writer.write(middle)
    writer.write(sigma)
    window.write(into: &writer)
  }

  public func importState(from reader: inout StateReader, version: UInt32) throws {
    try header.check(from: &reader, version: version)
    sum = try reader.readDouble()
    sumOfSquares = try reader.readDouble()
    middle = try reader.readDouble()
    sigma = try reader.readDouble()
    try window.read(from: &reader)
    try reader.finish()
  }
}

@_cdecl("tradehost_plugin_entry_bbands")
public func tradehostPluginEntryBollingerBands() -> UnsafeRawPointer {
  PluginExport.indicator(BollingerBandsIndicator.self, id: "bbands", version: "1.0.0")
}
