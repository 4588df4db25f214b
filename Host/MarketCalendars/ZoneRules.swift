import Foundation

/// A time zone's UTC offsets and the local-to-UTC conversions built on them.
///
/// Foundation is called here, so these methods may allocate: they run when a calendar is loaded
/// and when a tracker's cached day (or period) ends, never on a steady-state query. Any thread.
struct ZoneRules: Sendable {
  /// The zone's identifier as written in the file (`America/New_York`).
  let identifier: String
  private let zone: TimeZone

  /// The zone named `identifier` (an IANA name such as `America/New_York`, or `UTC`), or nil if
  /// Foundation does not know it.
  init?(identifier: String) {
    guard !identifier.isEmpty, let zone = TimeZone(identifier: identifier) else { return nil }
    self.identifier = identifier
    self.zone = zone
  }

  /// The zone's offset from UTC, in seconds, at the UTC instant `seconds`.
  func offset(atUTCSeconds seconds: Int64) -> Int64 {
    Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(seconds))))
  }

  /// The UTC instant, in seconds, of a local wall-clock time given as seconds since local
  /// 1970-01-01 00:00.
  ///
  /// A wall time that occurs twice (when clocks go back) is its first occurrence; one that does
  /// not occur (when clocks go forward) is the instant the clocks jump, so 02:30 on a
  /// spring-forward day in New York is 03:00 EDT. The result never decreases as `local` grows.
  func utcSeconds(ofLocal local: Int64) -> Int64 {
    let before = offset(atUTCSeconds: local - Arithmetic.secondsPerDay)
    let after = offset(atUTCSeconds: local + Arithmetic.secondsPerDay)
    let earlier = local - max(before, after)
    let earlierOffset = offset(atUTCSeconds: earlier)
    if earlierOffset == max(before, after) { return earlier }
    let later = local - min(before, after)
    if offset(atUTCSeconds: later) == min(before, after) { return later }
    // A gap: the offset changes once in (earlier, later]; the answer is the first second with
    // the new offset.
    var low = earlier
    var high = later
    while high - low > 1 {
      let middle = low + (high - low) / 2
      if offset(atUTCSeconds: middle) == earlierOffset { low = middle } else { high = middle }
    }
    return high
  }

  /// The UTC instant, in nanoseconds, at which local period `index` begins: the wall time
  /// `index` days plus `shift` seconds after local 1970-01-01 00:00. Clamped to `Int64`.
  func boundary(_ index: Int64, shift: Int64) -> Int64 {
    Arithmetic.nanoseconds(seconds: utcSeconds(ofLocal: index * Arithmetic.secondsPerDay + shift))
  }

  /// The local period containing the UTC instant `now` (ns): the `index` with
  /// `boundary(index) <= now < boundary(index + 1)`, and those two instants. With `shift` 0 the
  /// periods are local calendar days and `index` is the local date's day number.
  ///
  /// A day that a zone skipped entirely (Pacific/Apia, 2011-12-30) is an empty period and is
  /// never returned. Near the ends of the `Int64` range the clamped boundaries may not contain
  /// `now`; callers then simply recompute on the next query.
  func period(containing now: Int64, shift: Int64) -> (index: Int64, start: Int64, end: Int64) {
    let seconds = Arithmetic.floorDivide(now, Arithmetic.nanosecondsPerSecond)
    let local = seconds + offset(atUTCSeconds: seconds) - shift
    var index = Arithmetic.floorDivide(local, Arithmetic.secondsPerDay)
    var start = boundary(index, shift: shift)
    var end = boundary(index + 1, shift: shift)
    // The estimate is off by at most a day or two (offsets are under a day); the bound only
    // guards the clamped ends of the range.
    var steps = 0
    while now >= end, steps < 8 {
      index += 1
      start = end
      end = boundary(index + 1, shift: shift)
      steps += 1
    }
    while now < start, steps < 8 {
      index -= 1
      end = start
      start = boundary(index, shift: shift)
      steps += 1
    }
    return (index, start, end)
  }
}
