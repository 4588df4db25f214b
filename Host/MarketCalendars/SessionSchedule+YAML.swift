import YAMLSupport
import Yams

extension SessionSchedule {
  /// Reads one calendar (`calendars.NAME`), recording every problem in `reader`; nil if there
  /// was any. Load time only.
  static func read(_ node: Node, name: String, _ reader: inout YAMLReader) -> SessionSchedule? {
    let path = "calendars.\(name)"
    let before = reader.problems.count
    guard
      let entries = reader.entries(
        node, at: path, expected: "a mapping with `zone` and `sessions`",
        known: ["zone", "sessions", "holidays", "early_closes"])
    else { return nil }
    reader.require(["zone", "sessions"], in: entries, of: node, at: path)
    func value(_ key: String) -> Node? { entries.first { $0.key == key }?.value }

    var rules: ZoneRules?
    if let zone = value("zone"),
      let identifier = reader.text(zone, at: "\(path).zone", expected: "a time zone name")
    {
      rules = ZoneRules(identifier: identifier)
      if rules == nil {
        reader.problem(
          zone,
          "\(path).zone: unknown time zone `\(identifier)`; use an IANA name such as "
            + "America/New_York, Europe/London or UTC")
      }
    }
    let weekly = value("sessions").flatMap { readWeekly($0, path: "\(path).sessions", &reader) }
    let holidays = value("holidays").map {
      readHolidays($0, path: "\(path).holidays", weekly: weekly, name: name, &reader)
    }
    let earlyCloses = value("early_closes").map {
      readEarlyCloses(
        $0, path: "\(path).early_closes", weekly: weekly, holidays: holidays ?? [], name: name,
        &reader)
    }
    guard reader.problems.count == before, let rules, let weekly else { return nil }
    return SessionSchedule(
      name: name, rules: rules, weekly: weekly, holidays: holidays ?? [],
      earlyCloses: earlyCloses ?? [:])
  }

  /// `sessions`: weekday keys to lists of `HH:MM-HH:MM`. Returns the sessions per weekday
  /// (sorted, touching ones merged), or nil if anything is wrong.
  private static func readWeekly(_ node: Node, path: String, _ reader: inout YAMLReader)
    -> [[SessionInterval]]?
  {
    let before = reader.problems.count
    guard
      let entries = reader.entries(
        node, at: path, expected: "a mapping of weekdays (mon-fri, sat, ...) to session lists")
    else { return nil }
    var weekly = [[SessionInterval]](repeating: [], count: 7)
    var givenBy = [(key: String, line: Int)?](repeating: nil, count: 7)
    for entry in entries {
      let keyPath = "\(path).\(entry.key)"
      var days: [Int] = []
      switch Weekdays.parse(entry.key) {
      case .success(let parsed):
        days = parsed
      case .failure(let error):
        reader.problem(
          entry.keyNode,
          "\(path): `\(entry.key)` does not name weekdays: `\(error.part)` is not one of "
            + "\(Weekdays.names.joined(separator: ", ")) (write a day, a range like mon-fri, or a "
            + "list like sat,sun)")
      }
      let line = reader.document.position(entry.keyNode)?.line ?? 0
      for day in days {
        if let first = givenBy[day] {
          reader.problem(
            entry.keyNode,
            "\(keyPath): \(Weekdays.fullNames[day]) already has sessions from `\(first.key)` "
              + "at line \(first.line)")
        } else {
          givenBy[day] = (entry.key, line)
        }
      }
      guard
        let items = reader.sequence(
          entry.value, at: keyPath, expected: "a list of sessions like [\"09:30-16:00\"]")
      else { continue }
      var intervals: [(interval: SessionInterval, node: Node)] = []
      for item in items {
        guard let text = reader.text(item, at: keyPath, expected: "a session like 09:30-16:00")
        else { continue }
        switch SessionInterval.parse(text) {
        case .success(let interval): intervals.append((interval, item))
        case .failure(let error): reader.problem(item, "\(keyPath): `\(text)`: \(error.reason)")
        }
      }
      intervals.sort { $0.interval < $1.interval }
      var merged: [SessionInterval] = []
      for (index, item) in intervals.enumerated() {
        if index > 0, intervals[index - 1].interval.end > item.interval.start {
          reader.problem(
            item.node,
            "\(keyPath): the sessions \(intervals[index - 1].interval.text) and "
              + "\(item.interval.text) overlap")
        }
        if let last = merged.last, last.end >= item.interval.start {
          merged[merged.count - 1] = SessionInterval(
            start: last.start, end: max(last.end, item.interval.end))
        } else {
          merged.append(item.interval)
        }
      }
      for day in days where givenBy[day]?.line == line && givenBy[day]?.key == entry.key {
        weekly[day] = merged
      }
    }
    if reader.problems.count == before, weekly.allSatisfy(\.isEmpty) {
      reader.problem(node, "\(path): no weekday has a session, so the market would never open")
    }
    return reader.problems.count == before ? weekly : nil
  }

  /// `holidays`: a list of `YYYY-MM-DD`, as day numbers.
  private static func readHolidays(
    _ node: Node, path: String, weekly: [[SessionInterval]]?, name: String,
    _ reader: inout YAMLReader
  ) -> Set<Int64> {
    guard let items = reader.sequence(node, at: path, expected: "a list of dates (YYYY-MM-DD)")
    else { return [] }
    var days: [Int64: Int] = [:]
    for item in items {
      guard let date = readDate(item, path: path, &reader) else { continue }
      let day = date.dayNumber
      if let line = days[day] {
        reader.problem(item, "\(path): \(date) is listed twice; it was first given at line \(line)")
        continue
      }
      days[day] = reader.document.position(item)?.line ?? 0
      if let weekly, weekly[Arithmetic.weekday(ofDay: day)].isEmpty {
        reader.problem(
          item,
          "\(path): \(date) is a \(Weekdays.fullNames[Arithmetic.weekday(ofDay: day)]), when "
            + "\(name) has no sessions anyway; check the date")
      }
    }
    return Set(days.keys)
  }

  /// `early_closes`: dates to the local closing time `HH:MM`, as day numbers to minutes.
  private static func readEarlyCloses(
    _ node: Node, path: String, weekly: [[SessionInterval]]?, holidays: Set<Int64>, name: String,
    _ reader: inout YAMLReader
  ) -> [Int64: Int] {
    guard
      let entries = reader.entries(
        node, at: path, expected: "a mapping of dates (YYYY-MM-DD) to closing times (HH:MM)")
    else { return [:] }
    var closes: [Int64: Int] = [:]
    for entry in entries {
      guard let date = readDate(entry.keyNode, path: path, &reader) else { continue }
      let keyPath = "\(path).\(date)"
      let day = date.dayNumber
      guard let text = reader.text(entry.value, at: keyPath, expected: "a closing time (HH:MM)")
      else { continue }
      guard let close = TimeOfDay.minutes(Substring(text)) else {
        reader.problem(
          entry.value, "\(keyPath): `\(text)` is not a time of day; write HH:MM, like 13:00")
        continue
      }
      if closes[day] != nil {
        reader.problem(entry.keyNode, "\(keyPath): the date is given twice")
        continue
      }
      closes[day] = close
      if holidays.contains(day) {
        reader.problem(
          entry.keyNode, "\(keyPath): the date is also a holiday; give it in one list only")
        continue
      }
      guard let weekly else { continue }
      let weekday = Arithmetic.weekday(ofDay: day)
      guard let first = weekly[weekday].first, let last = weekly[weekday].last else {
        reader.problem(
          entry.keyNode,
          "\(keyPath): the date is a \(Weekdays.fullNames[weekday]), when \(name) has no "
            + "sessions; check the date")
        continue
      }
      if close <= first.start {
        reader.problem(
          entry.value,
          "\(keyPath): \(text) is not after the day's first session opens "
            + "(\(TimeOfDay.text(first.start))); list the date under holidays to close all day")
      } else if close >= last.end {
        reader.problem(
          entry.value,
          "\(keyPath): \(text) is not before the day's regular close "
            + "(\(TimeOfDay.text(last.end))), so it would not close early")
      }
    }
    return closes
  }

  /// A `YYYY-MM-DD` scalar.
  private static func readDate(_ node: Node, path: String, _ reader: inout YAMLReader)
    -> CivilDate?
  {
    guard let text = reader.text(node, at: path, expected: "a date (YYYY-MM-DD)") else {
      return nil
    }
    guard let date = CivilDate(Substring(text)) else {
      reader.problem(
        node,
        "\(path): `\(text)` is not a date; write YYYY-MM-DD with a real day in the years "
          + "\(CivilDate.years.lowerBound) to \(CivilDate.years.upperBound)")
      return nil
    }
    return date
  }
}
