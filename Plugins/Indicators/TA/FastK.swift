import PluginKit

/// The fast %K of the stochastic oscillators, as TA-Lib computes it:
/// `(close - lowest low) / ((highest high - lowest low) / 100)` over the last `period` bars, 0 when
/// the range is empty. Highs and lows in monotonic windows (amortised O(1)).
struct FastK {
  let period: Int
  private var highs: ExtremeWindow
  private var lows: ExtremeWindow
  private var count = 0

  init(period: Int) {
    self.period = period
    highs = ExtremeWindow(period: period, side: .highest)
    lows = ExtremeWindow(period: period, side: .lowest)
  }

  /// Adds a bar; the %K once `period` bars are in, else nil.
  mutating func add(high: Double, low: Double, close: Double) -> Double? {
    highs.push(high, number: count)
    lows.push(low, number: count)
    count += 1
    guard count >= period else { return nil }
    let lowest = lows.extreme
    let range = (highs.extreme - lowest) / 100.0
    return range != 0.0 ? (close - lowest) / range : 0.0
  }

  mutating func reset() {
    highs.reset()
    lows.reset()
    count = 0
  }

  func write(into writer: inout StateWriter) {
    writer.write(count)
    highs.write(into: &writer)
    lows.write(into: &writer)
  }

  mutating func read(from reader: inout StateReader) throws {
    count = try reader.readInt()
    guard count >= 0 else { throw PluginError.invalidArgument("%K state: negative count") }
    try highs.read(from: &reader)
    try lows.read(from: &reader)
  }
}
