import PluginKit

/// The largest (or smallest) of the last `period` inputs in amortised O(1) per input: a monotonic
/// queue of (input number, value) kept in fixed rings allocated at creation.
///
/// Of equal values the newest input is kept as the extreme.
struct ExtremeWindow {
  enum Side {
    case highest
    case lowest
  }

  let period: Int
  let side: Side
  private var numbers: [Int]
  private var values: [Double]
  private var head = 0
  private var count = 0

  init(period: Int, side: Side) {
    self.period = period
    self.side = side
    numbers = [Int](repeating: 0, count: period)
    values = [Double](repeating: 0, count: period)
  }

  /// Adds input number `number` (strictly increasing from call to call).
  mutating func push(_ value: Double, number: Int) {
    while count > 0 {
      let back = values[(head + count - 1) % period]
      let dominated = side == .highest ? back <= value : back >= value
      guard dominated else { break }
      count -= 1
    }
    while count > 0, numbers[head] <= number - period {
      head = (head + 1) % period
      count -= 1
    }
    let slot = (head + count) % period
    numbers[slot] = number
    values[slot] = value
    count += 1
  }

  /// The extreme of the window; NaN when empty.
  var extreme: Double { count > 0 ? values[head] : .nan }
  /// The input number of the extreme.
  var extremeNumber: Int { numbers[head] }

  mutating func reset() {
    head = 0
    count = 0
  }

  func write(into writer: inout StateWriter) {
    writer.write(count)
    for offset in 0..<count {
      writer.write(numbers[(head + offset) % period])
      writer.write(values[(head + offset) % period])
    }
  }

  mutating func read(from reader: inout StateReader) throws {
    let stateCount = try reader.readInt()
    guard (0...period).contains(stateCount) else {
      throw PluginError.invalidArgument("window state holds \(stateCount) entries, at most \(period)")
    }
    head = 0
    count = stateCount
    for offset in 0..<stateCount {
      numbers[offset] = try reader.readInt()
      values[offset] = try reader.readDouble()
    }
  }
}
