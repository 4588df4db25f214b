/// One named trading calendar from a calendar file (`XNYS`): its zone, weekly sessions, holidays
/// and early closes. Immutable and shared by every `SessionTracker` that uses it; any thread.
///
/// The methods here turn a local day into UTC instants through Foundation, so they may allocate:
/// trackers call them only when their cached day ends.
public final class SessionSchedule: Sendable {
  /// The calendar's name in the file.
  public let name: String
  /// The zone its times are in (`America/New_York`).
  public var zoneIdentifier: String { rules.identifier }

  let rules: ZoneRules
  /// Per weekday (Monday = 0), the sessions in order, merged where they touch.
  let weekly: [[SessionInterval]]
  /// Day numbers (local dates) on which the market is closed all day.
  let holidays: Set<Int64>
  /// Day numbers (local dates) on which the market closes early, and the closing minute.
  let earlyCloses: [Int64: Int]
  /// The most sessions any day can have (the capacity a tracker reserves).
  let maximumIntervalsPerDay: Int

  /// How many local days `firstChange` looks ahead before answering nil.
  static let changeHorizonDays: Int64 = 400

  init(
    name: String, rules: ZoneRules, weekly: [[SessionInterval]], holidays: Set<Int64>,
    earlyCloses: [Int64: Int]
  ) {
    self.name = name
    self.rules = rules
    self.weekly = weekly
    self.holidays = holidays
    self.earlyCloses = earlyCloses
    self.maximumIntervalsPerDay = max(1, weekly.map(\.count).max() ?? 1)
  }

  /// The local day containing `now`: its day number and its UTC bounds in ns (23 or 25 hours long
  /// on DST-change days).
  func day(containing now: Int64) -> (index: Int64, start: Int64, end: Int64) {
    rules.period(containing: now, shift: 0)
  }

  /// Appends the open intervals of local day `day` to `bounds` as UTC ns pairs
  /// (`start, end, start, end, ...`), increasing, with touching intervals merged. Holidays add
  /// nothing; an early close cuts the day's sessions at the closing time. A session bound that
  /// falls in a DST gap moves to the end of the gap, so a session inside a gap disappears.
  func appendSessions(onDay day: Int64, to bounds: inout [Int64]) {
    if holidays.contains(day) { return }
    let close = earlyCloses[day] ?? TimeOfDay.minutesPerDay
    let midnight = day * Arithmetic.secondsPerDay
    let first = bounds.count
    for interval in weekly[Arithmetic.weekday(ofDay: day)] {
      guard interval.start < close else { break }
      let start = Arithmetic.nanoseconds(
        seconds: rules.utcSeconds(ofLocal: midnight + Int64(interval.start) * 60))
      let end = Arithmetic.nanoseconds(
        seconds: rules.utcSeconds(ofLocal: midnight + Int64(min(interval.end, close)) * 60))
      guard start < end else { continue }
      if bounds.count > first, bounds[bounds.count - 1] == start {
        bounds[bounds.count - 1] = end
      } else {
        bounds.append(start)
        bounds.append(end)
      }
    }
  }

  /// The first instant after `now` at which the market opens or closes, given whether it is open
  /// at `now`; nil if that does not happen within about `changeHorizonDays` local days. An interval
  /// that ends exactly where the next day's begins (a session written across midnight) is no
  /// change. May allocate (it computes each day it passes).
  func firstChange(after now: Int64, isOpen: Bool) -> Int64? {
    var state = isOpen
    // Bounds at the same instant (a close at midnight and the next day's open) are taken
    // together: `pending` is the latest instant seen and the state after it.
    var pending: (time: Int64, open: Bool)?
    var bounds: [Int64] = []
    bounds.reserveCapacity(2 * maximumIntervalsPerDay)
    let firstDay = day(containing: now).index
    for day in firstDay..<(firstDay + Self.changeHorizonDays) {
      bounds.removeAll(keepingCapacity: true)
      appendSessions(onDay: day, to: &bounds)
      for (position, time) in bounds.enumerated() where time > now {
        let opens = position % 2 == 0
        if let previous = pending, previous.time != time {
          if previous.open != state { return previous.time }
          state = previous.open
        }
        pending = (time, opens)
      }
    }
    // The last group is left unresolved: the day after the horizon might continue it.
    return nil
  }
}
