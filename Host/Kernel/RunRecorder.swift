import TradingModel

/// What the kernel records per event for the statistics: the equity (raw account-currency
/// units) after the event, its running peak and worst drawdown, the equity at the end of each UTC
/// day, and how many events ended with a position open. Optionally the whole equity curve.
///
/// Kernel-thread only; `record` allocates nothing while the curve stays within the capacity
/// reserved from `expectedEvents` (the day list reserves ten years of days).
public struct RunRecorder: Sendable {
  /// The account's starting equity.
  public let startingEquity: Money
  /// The highest equity seen (raw), starting with the starting equity.
  public private(set) var peakEquity: Int64
  /// The largest fall from a peak, as a fraction of that peak (0.05 = 5%).
  public private(set) var maxDrawdown: Double = 0
  /// The same fall in money (raw).
  public private(set) var maxDrawdownAmount: Int64 = 0
  /// The last equity recorded (raw).
  public private(set) var lastEquity: Int64
  /// Equity at the last event of each UTC day, in day order (`day` = days since the epoch).
  public private(set) var dailyEquity: [(day: Int64, equity: Int64)] = []
  /// Events after which some position was open.
  public private(set) var eventsInMarket = 0
  /// Events recorded.
  public private(set) var events = 0
  /// The timestamps of the first and last event.
  public private(set) var firstTimestamp: Int64?
  public private(set) var lastTimestamp: Int64?
  /// `(timestamp, equity raw)` after every event, when kept.
  public private(set) var curve: [(timestamp: Int64, equity: Int64)] = []
  let keepCurve: Bool

  init(startingEquity: Money, keepCurve: Bool, expectedEvents: Int) {
    self.startingEquity = startingEquity
    self.peakEquity = startingEquity.raw
    self.lastEquity = startingEquity.raw
    self.keepCurve = keepCurve
    if keepCurve { curve.reserveCapacity(max(expectedEvents, 1024)) }
    dailyEquity.reserveCapacity(3660)
  }

  @inline(__always)
  mutating func record(timestamp: Int64, equity: Int64, inMarket: Bool) {
    events += 1
    if firstTimestamp == nil { firstTimestamp = timestamp }
    lastTimestamp = timestamp
    lastEquity = equity
    if inMarket { eventsInMarket += 1 }
    if equity > peakEquity {
      peakEquity = equity
    } else if peakEquity > 0 {
      let fall = peakEquity - equity
      if fall > maxDrawdownAmount { maxDrawdownAmount = fall }
      let fraction = Double(fall) / Double(peakEquity)
      if fraction > maxDrawdown { maxDrawdown = fraction }
    }
    let day = UTCDay.of(timestamp)
    if let last = dailyEquity.last, last.day == day {
      dailyEquity[dailyEquity.count - 1].equity = equity
    } else {
      dailyEquity.append((day, equity))
    }
    if keepCurve { curve.append((timestamp, equity)) }
  }

}
