/// Trading days that begin at a fixed local time in a zone (daily loss limits that reset at 17:00
/// New York time, say), for a risk check on the kernel thread.
///
/// A trading day runs from one reset to the next: `[reset on local date D, reset on D + 1)`,
/// 23 or 25 hours long across a DST change. Its index is D's day number (days since 1970-01-01),
/// so it increases by one at each reset; with the default (00:00 UTC) it equals `UTCDay.of`.
/// A reset time that a spring-forward gap skips happens when the gap ends; one that occurs twice
/// when clocks go back happens at its first occurrence.
///
/// The current day's bounds are cached, so a query inside them is a range check with no
/// allocation and no Foundation call; the next query past a reset (or before the cached day)
/// recomputes them through Foundation. Not thread-safe: one owner mutates it.
public struct DailySchedule: Sendable {
  /// Minutes after local midnight at which a trading day begins.
  public let resetMinute: Int
  /// The zone's identifier.
  public var zoneIdentifier: String { rules.identifier }

  private let rules: ZoneRules
  /// The cached trading day `[start, end)` in UTC ns and its index; empty until the first query.
  private var start: Int64 = 1
  private var end: Int64 = 0
  private var index: Int64 = 0

  /// A schedule resetting at `resetAt` (`HH:MM`, `00:00` to `23:59`) local time in `zone` (an IANA
  /// name such as `America/New_York`, or `UTC`). Setup time.
  public init(resetAt: String = "00:00", zone: String = "UTC") throws(CalendarError) {
    var problems: [CalendarProblem] = []
    let minute = TimeOfDay.minutes(Substring(resetAt))
    if minute == nil || minute == TimeOfDay.minutesPerDay {
      problems.append(
        CalendarProblem(
          file: nil,
          message: "the daily reset time `\(resetAt)` is not a time of day; write HH:MM from "
            + "00:00 to 23:59, like 17:00"))
    }
    let rules = ZoneRules(identifier: zone)
    if rules == nil {
      problems.append(
        CalendarProblem(
          file: nil,
          message: "the daily reset zone `\(zone)` is not a known time zone; use an IANA name "
            + "such as America/New_York, or UTC"))
    }
    guard problems.isEmpty, let minute, let rules else { throw CalendarError(problems: problems) }
    self.resetMinute = minute
    self.rules = rules
  }

  /// The index of the trading day containing `now` (UTC ns). Kernel thread; no allocation
  /// while `now` stays in the cached day.
  public mutating func dayIndex(at now: Int64) -> Int64 {
    if now < start || now >= end { load(containing: now) }
    return index
  }

  /// When the trading day containing `now` began (UTC ns, inclusive). As `dayIndex`.
  public mutating func dayStart(at now: Int64) -> Int64 {
    if now < start || now >= end { load(containing: now) }
    return start
  }

  /// When the trading day containing `now` ends: the next reset (UTC ns, exclusive). As
  /// `dayIndex`.
  public mutating func nextReset(after now: Int64) -> Int64 {
    if now < start || now >= end { load(containing: now) }
    return end
  }

  private mutating func load(containing now: Int64) {
    let period = rules.period(containing: now, shift: Int64(resetMinute) * 60)
    index = period.index
    start = period.start
    end = period.end
  }
}
