import PluginKit

/// TA-Lib's simple moving average (`TA_INT_SMA`): a running sum that gains the newest input, is
/// read, then loses the oldest of the window, so it rounds as TA-Lib's does.
struct RunningSMA {
  private(set) var window: Window
  private var sum = 0.0
  /// The last average; NaN until `period` inputs.
  private(set) var value = Double.nan

  init(period: Int) { window = Window(capacity: period) }

  var period: Int { window.capacity }
  var isReady: Bool { window.isFull }

  mutating func add(_ x: Double) {
    window.push(x)
    sum += x
    guard window.isFull else { return }
    value = sum / Double(window.capacity)
    sum -= window.oldest
  }

  mutating func reset() {
    window.removeAll()
    sum = 0
    value = .nan
  }

  func write(into writer: inout StateWriter) {
    writer.write(sum)
    writer.write(value)
    window.write(into: &writer)
  }

  mutating func read(from reader: inout StateReader) throws {
    sum = try reader.readDouble()
    value = try reader.readDouble()
    try window.read(from: &reader)
  }
}
