import PluginKit

/// Ultimate oscillator (TA-Lib's `ULTOSC`; Williams, 1985): per bar the buying pressure
/// `close - min(low, previous close)` and the true range; `a_i` is the sum of buying pressure over
/// the sum of true range over the last `period_i` bars (a sum within 1e-8 of 0 contributes
/// nothing, as TA-Lib), and the output is `100 * (4 a_1 + 2 a_2 + a_3) / 7` with
/// `period_1 < period_2 < period_3`. Ready after `period_3 + 1` bars (TA-Lib's lookback `period_3`).
public final class UltimateOscillatorIndicator: IndicatorPlugin {
  public static var input: IndicatorInputKind { .bar }
  public static var stateVersion: UInt32 { 1 }

  private let periods: [Int]
  private var pressure: Window
  private var ranges: Window
  private var pressureSums = [0.0, 0.0, 0.0]
  private var rangeSums = [0.0, 0.0, 0.0]
  private var previousClose = 0.0
  private var count = 0

  public init(host: HostContext, parameters: PluginParameters) throws {
    let periods = [
      try parameters.int("period1", atLeast: 1), try parameters.int("period2", atLeast: 1),
      try parameters.int("period3", atLeast: 1),
    ]
    guard periods[0] < periods[1], periods[1] < periods[2] else {
      throw PluginError.invalidArgument(
        "periods must rise: period1 \(periods[0]) < period2 \(periods[1]) < period3 \(periods[2])")
    }
    self.periods = periods
    // One more than the longest window, so the input leaving it is still held.
    pressure = Window(capacity: periods[2] + 1)
    ranges = Window(capacity: periods[2] + 1)
  }

  private var header: StateHeader {
    StateHeader(id: "ultosc", parameters: periods.map(Double.init))
  }

  public func update(bar: Bar) { add(high: bar.high, low: bar.low, close: bar.close) }

  public func update(value: Double, at timestamp: Int64) {
    add(high: value, low: value, close: value)
  }

  private func add(high: Double, low: Double, close: Double) {
    defer {
      previousClose = close
      if count <= periods[2] { count += 1 }
    }
    guard count > 0 else { return }
    let trueLow = low < previousClose ? low : previousClose
    let buying = close - trueLow
    let range = trueRange(high: high, low: low, previousClose: previousClose)
    pressure.push(buying)
    ranges.push(range)
    for slot in 0..<3 {
      pressureSums[slot] += buying
      rangeSums[slot] += range
      let period = periods[slot]
      if pressure.count > period {
        pressureSums[slot] -= pressure[age: period]
        rangeSums[slot] -= ranges[age: period]
      }
    }
  }

  public func value(_ index: Int) -> Double {
    guard isReady else { return .nan }
    var output = 0.0
    let weights = (4.0, 2.0, 1.0)
    if !isZero(rangeSums[0]) { output += weights.0 * (pressureSums[0] / rangeSums[0]) }
    if !isZero(rangeSums[1]) { output += weights.1 * (pressureSums[1] / rangeSums[1]) }
    if !isZero(rangeSums[2]) { output += weights.2 * (pressureSums[2] / rangeSums[2]) }
    return 100.0 * (output / 7.0)
  }

  private func isZero(_ value: Double) -> Bool { value > -0.00000001 && value < 0.00000001 }

  public var isReady: Bool { count > periods[2] }
  public var warmupCount: Int { periods[2] + 1 }

  public func reset() {
    pressure.removeAll()
    ranges.removeAll()
    pressureSums = [0, 0, 0]
    rangeSums = [0, 0, 0]
    previousClose = 0
    count = 0
  }

  public func exportState(into writer: inout StateWriter) throws {
    header.write(into: &writer)
    writer.write(count)
    writer.write(previousClose)
    writer.write(pressureSums)
    writer.write(rangeSums)
    pressure.write(into: &writer)
    ranges.write(into: &writer)
  }

  public func importState(from reader: inout StateReader, version: UInt32) throws {
    try header.check(from: &reader, version: version)
    let stateCount = try reader.readInt()
    guard (0...(periods[2] + 1)).contains(stateCount) else {
      throw PluginError.invalidArgument("ultosc: state count \(stateCount) out of range")
    }
    count = stateCount
    previousClose = try reader.readDouble()
    let pressures = try reader.readDoubles(maxCount: 3)
    let rangeValues = try reader.readDoubles(maxCount: 3)
    guard pressures.count == 3, rangeValues.count == 3 else {
      throw PluginError.invalidArgument("ultosc: state sums are not three each")
    }
    pressureSums = pressures
    rangeSums = rangeValues
    try pressure.read(from: &reader)
    try ranges.read(from: &reader)
    try reader.finish()
  }
}

@_cdecl("tradehost_plugin_entry_ultosc")
public func tradehostPluginEntryUltimateOscillator() -> UnsafeRawPointer {
  PluginExport.indicator(UltimateOscillatorIndicator.self, id: "ultosc", version: "1.0.0")
}
