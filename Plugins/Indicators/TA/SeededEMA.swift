import PluginKit

/// TA-Lib's exponential moving average (`TA_INT_EMA`, default compatibility): the mean of the first
/// `period` inputs is the first value, later inputs update it as `(x - ema) * k + ema` with
/// `k = 2 / (period + 1)`. The building block of DEMA, TEMA and MACD.
struct SeededEMA {
  let period: Int
  let k: Double
  /// Inputs seen, saturating at `period`.
  private(set) var count = 0
  /// The sum of the inputs during the warm-up, the average afterwards.
  private(set) var value = 0.0

  init(period: Int) {
    self.period = period
    k = 2.0 / (Double(period) + 1.0)
  }

  var isReady: Bool { count >= period }

  mutating func add(_ x: Double) {
    if count < period {
      value += x
      count += 1
      if count == period { value /= Double(period) }
    } else {
      value = (x - value) * k + value
    }
  }

  mutating func reset() {
    count = 0
    value = 0
  }

  func write(into writer: inout StateWriter) {
    writer.write(count)
    writer.write(value)
  }

  mutating func read(from reader: inout StateReader) throws {
    let stateCount = try reader.readInt()
    let stateValue = try reader.readDouble()
    guard (0...period).contains(stateCount) else {
      throw PluginError.invalidArgument("EMA state count \(stateCount) is outside 0...\(period)")
    }
    count = stateCount
    value = stateValue
  }
}
