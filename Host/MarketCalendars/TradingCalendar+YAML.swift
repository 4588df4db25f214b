import Foundation
import YAMLSupport
import Yams

extension TradingCalendar {
  /// Calendar files larger than this many bytes are rejected unread.
  public static let maximumFileSize = 4 << 20

  /// Reads and validates the calendar file at `path`. Every problem in the file is reported at
  /// once, each with its line and column. Setup time; reads the file, may block.
  public static func load(path: String) throws(CalendarError) -> TradingCalendar {
    try parse(text: CalendarFileText.read(path: path, maximumSize: maximumFileSize), file: path)
  }

  /// Parses and validates calendar-file `text`; `file` names it in problems. A leading byte
  /// order mark is ignored. Pure apart from looking up time zones.
  public static func parse(text: String, file: String) throws(CalendarError) -> TradingCalendar {
    var body = Substring(text)
    if body.unicodeScalars.first == "\u{FEFF}" { body = Substring(body.unicodeScalars.dropFirst()) }
    guard body.utf8.count <= maximumFileSize else {
      throw CalendarError(file: file, message: "the file is larger than \(maximumFileSize) bytes")
    }
    let document: ComposedDocument
    switch ComposedDocument.compose(String(body), aliases: .refused) {
    case .empty:
      throw CalendarError(
        file: file, message: "the file is empty; it needs `calendars` and `instruments`")
    case .invalid(let place, let problem):
      throw CalendarError(problems: [
        CalendarProblem(
          file: file, line: place?.line, column: place?.column, message: Self.sentence(problem))
      ])
    case .document(let composed):
      document = composed
    }
    var reader = YAMLReader(file: file, document: document)
    let root = document.root
    let top =
      reader.entries(
        root, at: "the file", expected: "a mapping with `calendars` and `instruments`",
        known: ["calendars", "instruments"]) ?? []
    if case .mapping = root {
      reader.require(["calendars", "instruments"], in: top, of: root, at: "the file")
    }

    var schedules: [String: SessionSchedule] = [:]
    var names: [String] = []
    if let calendars = top.first(where: { $0.key == "calendars" }) {
      let entries =
        reader.entries(calendars.value, at: "calendars", expected: "a mapping of calendar names")
        ?? []
      if case .mapping(let mapping) = calendars.value, mapping.count == 0 {
        reader.problem(calendars.value, "calendars: no calendar is defined")
      }
      for entry in entries {
        names.append(entry.key)
        if let schedule = SessionSchedule.read(entry.value, name: entry.key, &reader) {
          schedules[entry.key] = schedule
        }
      }
    }

    var instruments: [String: SessionSchedule] = [:]
    if let listed = top.first(where: { $0.key == "instruments" }) {
      let entries =
        reader.entries(
          listed.value, at: "instruments", expected: "a mapping of SYMBOL.VENUE to calendar names")
        ?? []
      for entry in entries {
        let path = "instruments.\(entry.key)"
        if !InstrumentSymbol.isQualified(entry.key) {
          reader.problem(
            entry.keyNode,
            "\(path): `\(entry.key)` is not an instrument; write SYMBOL.VENUE, like SPY.ARCA")
        }
        guard let name = reader.text(entry.value, at: path, expected: "a calendar name") else {
          continue
        }
        guard names.contains(name) else {
          let hint = Suggestion.closest(to: name, in: names).map { "; did you mean `\($0)`?" }
          let known = names.isEmpty ? "" : " (defined: \(names.joined(separator: ", ")))"
          reader.problem(entry.value, "\(path): unknown calendar `\(name)`" + (hint ?? known))
          continue
        }
        if let schedule = schedules[name] { instruments[entry.key] = schedule }
      }
    }

    guard reader.problems.isEmpty else { throw CalendarError(problems: reader.problems) }
    return TradingCalendar(file: file, schedules: schedules, instruments: instruments)
  }
}

extension TradingCalendar {
  /// A YAML problem in calendar-file words.
  static func sentence(_ problem: ComposedDocument.Problem) -> String {
    switch problem {
    case .syntax(let text): "the file is not valid YAML: \(text)"
    case .repeatedKey(let name, _): "the key `\(name)` is repeated"
    case .alias: "aliases (`*name`) are not supported in calendar files; write the value out"
    }
  }
}
