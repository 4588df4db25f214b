import PluginKit

/// Wilder's average true range as TA-Lib computes it (`ATR`): the first value, after
/// `period + 1` bars, is the mean of the first `period` true ranges, later ones
/// `(atr * (period - 1) + tr) / period`. The building block of `keltner` and `supertrend`.
struct WilderATR {
  let period: Int
  private var count = 0
  private var previousClose = 0.0
  /// The sum of true ranges during the warm-up, the average afterwards.
  private(set) var value = 0.0

  init(period: Int) { self.period = period }

  var isReady: Bool { count > period }

  mutating func add(high: Double, low: Double, close: Double) {
    defer {
      previousClose = close
      if count <= period { count += 1 }
    }
    guard count > 0 else { return }
    let range = trueRange(high: high, low: low, previousClose: previousClose)
    if count < period {
      value += range
    } else if count == period {
      value = (value + range) / Double(period)
    } else {
      value = (value * Double(period - 1) + range) / Double(period)
    }
  }

  mutating func reset() { self = WilderATR(period: period) }

  func write(into writer: inout StateWriter) {
    writer.write(count)
    writer.write(previousClose)
    writer.write(value)
  }

  mutating func read(from reader: inout StateReader) throws {
    count = try reader.readInt()
    guard (0...(period + 1)).contains(count) else {
      throw PluginError.invalidArgument("atr state: count \(count) outside 0...\(period + 1)")
    }
    previousClose = try reader.readDouble()
    value = try reader.readDouble()
  }
}
