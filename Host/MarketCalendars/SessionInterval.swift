/// One trading interval of a local day, `[start, end)` in minutes after local midnight; `end` may
/// be 1440 (`24:00`, the end of the day). Pure data.
struct SessionInterval: Hashable, Sendable, Comparable {
  let start: Int
  let end: Int

  static func < (lhs: SessionInterval, rhs: SessionInterval) -> Bool {
    (lhs.start, lhs.end) < (rhs.start, rhs.end)
  }

  /// Parses `HH:MM-HH:MM`; the error is the part of a sentence that says what is wrong.
  static func parse(_ text: String) -> Result<SessionInterval, IntervalError> {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 2 else { return .failure(.notAnInterval) }
    guard let start = TimeOfDay.minutes(parts[0]) else {
      return .failure(.badTime(String(parts[0])))
    }
    guard let end = TimeOfDay.minutes(parts[1]) else { return .failure(.badTime(String(parts[1]))) }
    guard start < TimeOfDay.minutesPerDay else { return .failure(.startsAtEndOfDay) }
    guard start < end else { return .failure(.endsBeforeStart) }
    return .success(SessionInterval(start: start, end: end))
  }

  /// `HH:MM-HH:MM`.
  var text: String { "\(TimeOfDay.text(start))-\(TimeOfDay.text(end))" }

  /// Why a session text is not an interval.
  enum IntervalError: Error {
    /// Not two times joined by `-`.
    case notAnInterval
    /// One of the times is not `HH:MM` from `00:00` to `24:00`.
    case badTime(String)
    /// The interval starts at `24:00`.
    case startsAtEndOfDay
    /// The end is not after the start.
    case endsBeforeStart

    /// The reason, as the end of a sentence about the interval.
    var reason: String {
      switch self {
      case .notAnInterval:
        "it is not a session; write it as HH:MM-HH:MM, like 09:30-16:00"
      case .badTime(let time):
        "`\(time)` is not a time of day; write HH:MM from 00:00 to 24:00"
      case .startsAtEndOfDay:
        "a session cannot start at 24:00; a session after midnight starts at 00:00 of the next day"
      case .endsBeforeStart:
        "the session must end after it starts (a session past midnight is written as two: "
          + "17:00-24:00 on one day and 00:00-... on the next)"
      }
    }
  }
}
