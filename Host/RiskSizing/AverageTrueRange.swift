import TradingModel

/// Average true range with Wilder's smoothing, in `Double`, computed as TA-Lib's `ATR` does.
///
/// The true range of a bar is the largest of `high - low`, `|previous close - high|` and
/// `|previous close - low|`. The first update only supplies a previous close; the first value,
/// after `period + 1` updates, is the mean of the first `period` true ranges, and each later one
/// is `atr = (atr * (period - 1) + tr) / period`. A single price (a trade or a mid) is a bar
/// whose high, low and close all equal it, so its true range is `|price - previous price|`; bars
/// and single prices may be mixed in one series.
///
/// Called by the risk wrapper on the kernel thread: synchronous, never blocks, no allocation.
public struct AverageTrueRange: Hashable, Sendable {
  /// Wilder's period, the default.
  public static let defaultPeriod = 14

  /// The smoothing period (at least 1).
  public let period: Int
  /// How many updates were accepted since creation or the last `reset()`.
  public private(set) var count = 0
  /// The previous update's close.
  private var previousClose = 0.0
  /// The sum of true ranges during the warm-up, the average afterwards.
  private var average = 0.0

  /// An ATR over `period` bars; `nil` when `period` is below 1.
  public init?(period: Int) {
    guard period >= 1 else { return nil }
    self.period = period
  }

  /// An ATR over `defaultPeriod` (14) bars.
  public init() {
    self.init(period: Self.defaultPeriod)!
  }

  /// The ATR once warm (after `period + 1` updates), `nil` before.
  public var value: Double? { isWarm ? average : nil }

  /// Whether `value` is available.
  public var isWarm: Bool { count > period }

  /// Adds a bar. Refused (returns `false`, state unchanged) when a price is not finite or
  /// `high < low`.
  @discardableResult
  public mutating func update(high: Double, low: Double, close: Double) -> Bool {
    guard high.isFinite, low.isFinite, close.isFinite, low <= high else { return false }
    defer {
      previousClose = close
      if count < Int.max { count += 1 }
    }
    guard count > 0 else { return true }
    let range = max(high - low, abs(previousClose - high), abs(previousClose - low))
    if count < period {
      average += range
    } else if count == period {
      average = (average + range) / Double(period)
    } else {
      average = (average * Double(period - 1) + range) / Double(period)
    }
    return true
  }

  /// Adds a single price (a trade or a mid): a bar with high, low and close all `price`.
  @discardableResult
  public mutating func update(price: Double) -> Bool {
    update(high: price, low: price, close: price)
  }

  /// Adds a bar of the domain model (its prices as the nearest `Double`).
  @discardableResult
  public mutating func update(bar: Bar) -> Bool {
    update(high: bar.high.doubleValue, low: bar.low.doubleValue, close: bar.close.doubleValue)
  }

  /// Forgets every update.
  public mutating func reset() {
    count = 0
    previousClose = 0
    average = 0
  }
}
