import PluginKit

/// The highest high and the lowest low of the last `period` bars.
///
/// A fixed ring buffer: `add` never allocates once the channel exists, so it is safe on the kernel
/// thread. `upper` and `lower` scan the window (fine for the short periods breakouts use).
struct DonchianChannel {
  /// How many bars the channel spans.
  let period: Int
  private var highs: [Double]
  private var lows: [Double]
  /// The slot the next bar is written to.
  private var next = 0
  /// Bars held so far, up to `period`.
  private var count = 0

  init(period: Int) {
    self.period = period
    highs = Array(repeating: 0, count: period)
    lows = Array(repeating: 0, count: period)
  }

  /// Whether `period` bars have been seen.
  var isReady: Bool { count == period }

  /// The highest high of the window (meaningful once ready).
  var upper: Double {
    var result = -Double.infinity
    for index in 0..<count { result = max(result, highs[index]) }
    return result
  }

  /// The lowest low of the window (meaningful once ready).
  var lower: Double {
    var result = Double.infinity
    for index in 0..<count { result = min(result, lows[index]) }
    return result
  }

  /// Adds a bar's range, dropping the oldest once the window is full.
  mutating func add(high: Double, low: Double) {
    highs[next] = high
    lows[next] = low
    next = (next + 1) % period
    count = min(count + 1, period)
  }

  // MARK: State (format of Breakout.stateVersion 1)

  /// Writes period, count, next slot, highs, lows.
  func write(into writer: inout StateWriter) {
    writer.write(period)
    writer.write(count)
    writer.write(next)
    writer.write(highs)
    writer.write(lows)
  }

  /// Reads what `write` wrote, refusing a state made for another period.
  init(reading reader: inout StateReader, period expected: Int) throws {
    let period = try reader.readInt()
    guard period == expected else {
      throw PluginError.invalidArgument(
        "state was exported with channel_period \(period), this instance has \(expected)")
    }
    let count = try reader.readInt()
    let next = try reader.readInt()
    let highs = try reader.readDoubles(maxCount: period)
    let lows = try reader.readDoubles(maxCount: period)
    guard (0...period).contains(count), (0..<period).contains(next), highs.count == period,
      lows.count == period
    else {
      throw PluginError.invalidArgument("state holds an inconsistent channel window")
    }
    self.period = period
    self.count = count
    self.next = next
    self.highs = highs
    self.lows = lows
  }
}
