import Foundation
import MarketCalendars
import Testing

/// Paths to the calendar fixtures, found from this source file's own path
/// (`Tests/MarketCalendarsTests/` -> `Tests/Fixtures/calendars/`), so no resources are bundled.
enum Fixtures {
  static let root: String = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()
    .deletingLastPathComponent()
    .appendingPathComponent("Fixtures/calendars")
    .path

  static func path(_ name: String) -> String { root + "/" + name }

  /// `xnys-2013.yaml`: XNYS (SPY.ARCA) with the 2013 holidays and early closes, and CME Globex
  /// (6E.CME).
  static func xnys2013() throws -> TradingCalendar {
    try TradingCalendar.load(path: path("xnys-2013.yaml"))
  }

  /// `events-2013.csv`, with a 5-minute default `before` (the press conferences leave it empty).
  static func events2013() throws -> EventCalendar {
    try EventCalendar.load(path: path("events-2013.csv"), defaultBefore: minutes(5))
  }
}

/// UTC nanoseconds of an ISO-8601 time (`2013-10-07T13:30:00Z`, or with an offset), computed by
/// Foundation so tests do not check the module against its own arithmetic.
func utc(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> Int64 {
  let formatter = ISO8601DateFormatter()
  guard let date = formatter.date(from: text) else {
    Issue.record("bad test time \(text)", sourceLocation: sourceLocation)
    return 0
  }
  return Int64(date.timeIntervalSince1970) * 1_000_000_000
}

/// Nanoseconds in `count` seconds, minutes and hours.
func seconds(_ count: Int64) -> Int64 { count * 1_000_000_000 }
func minutes(_ count: Int64) -> Int64 { count * 60_000_000_000 }
func hours(_ count: Int64) -> Int64 { count * 3_600_000_000_000 }

/// The problems of parsing calendar-file `text` as `inline.yaml`; records an issue if it parses.
func calendarProblems(_ text: String, sourceLocation: SourceLocation = #_sourceLocation)
  -> [CalendarProblem]
{
  do {
    _ = try TradingCalendar.parse(text: text, file: "inline.yaml")
    Issue.record("expected problems, but the calendar is valid", sourceLocation: sourceLocation)
    return []
  } catch {
    return error.problems
  }
}

/// The problems of parsing event-file `text` as `inline.csv`; records an issue if it parses.
func eventProblems(
  _ text: String, defaultBefore: Int64? = nil, defaultAfter: Int64? = nil,
  sourceLocation: SourceLocation = #_sourceLocation
) -> [CalendarProblem] {
  do {
    _ = try EventCalendar.parse(
      text: text, file: "inline.csv", defaultBefore: defaultBefore, defaultAfter: defaultAfter)
    Issue.record("expected problems, but the events are valid", sourceLocation: sourceLocation)
    return []
  } catch {
    return error.problems
  }
}

/// Expects exactly one problem at `line` (and `column`, if given) whose message contains `text`,
/// and that its description starts with `file:line:`.
func expectProblem(
  _ problems: [CalendarProblem], line: Int?, column: Int? = nil, _ text: String,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  let matching = problems.filter { $0.line == line && $0.message.contains(text) }
  let all = problems.map(\.description).joined(separator: "\n")
  #expect(
    matching.count == 1,
    "no single problem at line \(line.map(String.init) ?? "-") containing \(text.debugDescription) in:\n\(all)",
    sourceLocation: sourceLocation)
  guard let problem = matching.first else { return }
  if let column {
    #expect(problem.column == column, "\(problem)", sourceLocation: sourceLocation)
  }
  if let line, let file = problem.file {
    #expect(
      problem.description.hasPrefix("\(file):\(line):"), "\(problem)",
      sourceLocation: sourceLocation)
  }
}

/// Holds a tracker so `#expect` can ask it (a mutating call cannot appear inside the macro);
/// every query goes to the same tracker, so its cache is exercised as in the risk wrapper.
final class Session {
  var tracker: SessionTracker
  init(_ tracker: SessionTracker) { self.tracker = tracker }
  func isOpen(_ now: Int64) -> Bool { tracker.isOpen(at: now) }
  func nextChange(_ now: Int64) -> Int64? { tracker.nextChange(after: now) }
}

/// As `Session`, for a `BlackoutTracker`.
final class Blackouts {
  var tracker: BlackoutTracker
  init(_ tracker: BlackoutTracker) { self.tracker = tracker }
  func at(_ now: Int64) -> BlackoutWindow? { tracker.blackout(at: now) }
}

/// As `Session`, for a `DailySchedule`.
final class Days {
  var schedule: DailySchedule
  init(_ schedule: DailySchedule) { self.schedule = schedule }
  func index(_ now: Int64) -> Int64 { schedule.dayIndex(at: now) }
  func start(_ now: Int64) -> Int64 { schedule.dayStart(at: now) }
  func nextReset(_ now: Int64) -> Int64 { schedule.nextReset(after: now) }
}
