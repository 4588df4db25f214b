import TradingModel

/// The notional a venue has traded over the last `days` UTC days, including the current one
/// (whole currency units): what a real venue's fee tiers count (a rolling 30-day volume). With
/// `days == 0` it counts everything since the run began.
///
/// One bucket per day in a ring allocated once, so recording a fill allocates nothing. A day
/// leaves the window when a fill of a day `days` or more later is recorded (the window moves
/// with the fills' time, which the venue's clock never moves back). The sum saturates at
/// `Int64.max` whole units, which only a tier threshold at that value could tell apart.
struct TradedVolumeWindow {
  /// Days in the window; 0: the whole run.
  let days: Int
  private var buckets: [Int64]
  /// The UTC day (days since the epoch) of the newest bucket; `nil` before the first fill.
  private var newestDay: Int64?
  /// The sum of the buckets.
  private(set) var total: Int64 = 0

  init(days: Int) {
    self.days = max(0, days)
    buckets = Array(repeating: 0, count: max(1, days))
  }

  /// Adds `units` traded at `time` (ns since the epoch), after moving the window to its day.
  mutating func record(_ units: Int64, at time: Int64) {
    advance(to: time)
    let index = days == 0 ? 0 : slot(Self.day(of: time))
    buckets[index] = Self.adding(buckets[index], units)
    total = Self.adding(total, units)
  }

  /// The volume that counts for a fill at `time`: the window moved to its day first.
  mutating func volume(at time: Int64) -> Int64 {
    advance(to: time)
    return total
  }

  /// Drops the days that are `days` or more before `time`'s day.
  private mutating func advance(to time: Int64) {
    guard days > 0 else { return }
    let day = Self.day(of: time)
    guard let newest = newestDay else {
      newestDay = day
      return
    }
    guard day > newest else { return }
    if day - newest >= Int64(days) {
      for index in buckets.indices { buckets[index] = 0 }
    } else {
      var cleared = newest + 1
      while cleared <= day {
        buckets[slot(cleared)] = 0
        cleared += 1
      }
    }
    // Summed again (at most `days` additions, once a day) so a saturated total stays exact.
    total = buckets.reduce(0, Self.adding)
    newestDay = day
  }

  private func slot(_ day: Int64) -> Int {
    let count = Int64(days)
    return Int(((day % count) + count) % count)
  }

  private static func day(of time: Int64) -> Int64 {
    let nanosecondsPerDay: Int64 = 86_400_000_000_000
    let (quotient, remainder) = time.quotientAndRemainder(dividingBy: nanosecondsPerDay)
    return remainder < 0 ? quotient - 1 : quotient
  }

  private static func adding(_ a: Int64, _ b: Int64) -> Int64 {
    let (sum, overflow) = a.addingReportingOverflow(b)
    return overflow ? .max : sum
  }
}
