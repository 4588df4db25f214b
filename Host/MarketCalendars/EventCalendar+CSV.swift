extension EventCalendar {
  /// Event files larger than this many bytes are rejected unread.
  public static let maximumFileSize = 16 << 20

  /// The columns an event file may have; `time`, `name` and `instruments` are required.
  static let columns = ["time", "name", "instruments", "before", "after"]

  /// Reads and validates the event file at `path`. Every problem is reported at once, each with
  /// the line, column and column name. Setup time; reads the file, may block.
  ///
  /// - Parameters:
  ///   - defaultBefore: The blackout before an event (ns) where the `before` cell is empty or the
  ///     column is absent; without it, such a row is a problem.
  ///   - defaultAfter: The same for `after`.
  public static func load(path: String, defaultBefore: Int64? = nil, defaultAfter: Int64? = nil)
    throws(CalendarError) -> EventCalendar
  {
    try parse(
      text: CalendarFileText.read(path: path, maximumSize: maximumFileSize), file: path,
      defaultBefore: defaultBefore, defaultAfter: defaultAfter)
  }

  /// Parses and validates event-file `text` (see `load`); `file` names it in problems. Pure.
  public static func parse(
    text: String, file: String, defaultBefore: Int64? = nil, defaultAfter: Int64? = nil
  ) throws(CalendarError) -> EventCalendar {
    var problems: [CalendarProblem] = []
    func problem(_ line: Int?, _ column: Int?, _ message: String) {
      problems.append(CalendarProblem(file: file, line: line, column: column, message: message))
    }
    for (name, value) in [("before", defaultBefore), ("after", defaultAfter)] {
      if let value, value < 0 || value > EventFieldText.maximumDuration {
        problem(nil, nil, "the default `\(name)` must be from 0 to 31 days, not \(value) ns")
      }
    }
    guard text.utf8.count <= maximumFileSize else {
      throw CalendarError(file: file, message: "the file is larger than \(maximumFileSize) bytes")
    }
    var body = Substring(text)
    if body.unicodeScalars.first == "\u{FEFF}" { body = Substring(body.unicodeScalars.dropFirst()) }

    var header: [String]?
    var events: [EconomicEvent] = []
    // `\r\n` is one Character, so this splits LF, CRLF and CR line ends alike.
    let lines = body.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
    lines: for (offset, line) in lines.enumerated() {
      let lineNumber = offset + 1
      let content = line.trimmingSpaces()
      if content.isEmpty || content.first == "#" { continue }
      let fields: [CSVLine.Field]
      switch CSVLine.split(line) {
      case .success(let split): fields = split
      case .failure(let error):
        problem(lineNumber, error.column, error.message)
        // Without a header the rows cannot be read.
        if header == nil { break lines }
        continue
      }
      guard let columns = header else {
        header = readHeader(
          fields, line: lineNumber, defaultBefore: defaultBefore, defaultAfter: defaultAfter,
          problem)
        if header == nil { break lines }
        continue
      }
      if let event = readRow(
        fields, columns: columns, line: lineNumber, defaultBefore: defaultBefore,
        defaultAfter: defaultAfter, problem)
      {
        events.append(event)
      }
    }
    if header == nil, problems.isEmpty {
      problem(
        nil, nil,
        "the file has no header line; the first line must name the columns, like "
          + "time,name,instruments,before,after")
    }
    guard problems.isEmpty else { throw CalendarError(problems: problems) }
    return EventCalendar(file: file, events: events)
  }

  /// The header's column names; nil (with problems) if a name is unknown, repeated, or a required
  /// column (or the default for an absent optional one) is missing.
  private static func readHeader(
    _ fields: [CSVLine.Field], line: Int, defaultBefore: Int64?, defaultAfter: Int64?,
    _ problem: (Int?, Int?, String) -> Void
  ) -> [String]? {
    var names: [String] = []
    var valid = true
    for field in fields {
      let name = field.text
      if !columns.contains(name) {
        let hint = Suggestion.closest(to: name, in: columns).map { "; did you mean `\($0)`?" }
        problem(
          line, field.column,
          "the header names an unknown column `\(name)`"
            + (hint ?? " (columns: \(columns.joined(separator: ", ")))"))
        valid = false
      } else if names.contains(name) {
        problem(line, field.column, "the header names the column `\(name)` twice")
        valid = false
      }
      names.append(name)
    }
    for required in ["time", "name", "instruments"] where !names.contains(required) {
      problem(line, 1, "the header has no `\(required)` column")
      valid = false
    }
    for (optional, fallback) in [("before", defaultBefore), ("after", defaultAfter)]
    where !names.contains(optional) && fallback == nil {
      problem(
        line, 1, "the header has no `\(optional)` column and no default `\(optional)` was given")
      valid = false
    }
    return valid ? names : nil
  }

  /// One event row; nil (with problems) if any field is wrong.
  private static func readRow(
    _ fields: [CSVLine.Field], columns: [String], line: Int, defaultBefore: Int64?,
    defaultAfter: Int64?, _ problem: (Int?, Int?, String) -> Void
  ) -> EconomicEvent? {
    guard fields.count == columns.count else {
      problem(
        line, 1, "the line has \(fields.count) fields but the header names \(columns.count) columns"
      )
      return nil
    }
    var valid = true
    func fail(_ field: CSVLine.Field, _ message: String) {
      problem(line, field.column, message)
      valid = false
    }
    var time: Int64?
    var name = ""
    var instruments: [String]?
    var before = defaultBefore
    var after = defaultAfter
    for (column, field) in zip(columns, fields) {
      switch column {
      case "time":
        time = EventFieldText.time(field.text)
        if time == nil {
          fail(
            field,
            "time: `\(field.text)` is not an ISO-8601 time with a zone; write it like "
              + "2013-10-09T18:00:00Z or 2013-10-09T14:00:00-04:00 (years "
              + "\(CivilDate.years.lowerBound) to \(CivilDate.years.upperBound))")
        }
      case "name":
        name = field.text
        if name.isEmpty { fail(field, "name: the event needs a name") }
      case "instruments":
        instruments = readInstruments(field, fail)
      case "before", "after":
        guard !field.text.isEmpty else {
          if (column == "before" ? defaultBefore : defaultAfter) == nil {
            fail(field, "\(column): the cell is empty and no default `\(column)` was given")
          }
          continue
        }
        guard let duration = EventFieldText.duration(field.text) else {
          fail(
            field,
            "\(column): `\(field.text)` is not a duration; write a whole number of seconds, "
              + "minutes or hours, like 90s, 15m or 2h (at most 31 days)")
          continue
        }
        if column == "before" { before = duration } else { after = duration }
      default:
        break
      }
    }
    if valid, before == 0, after == 0 {
      let field = zip(columns, fields).first { $0.0 == "after" }?.1
      problem(
        line, field?.column ?? 1,
        "after: the blackout is empty (before and after are both 0); give one of them a length")
      valid = false
    }
    guard valid, let time, let before, let after else { return nil }
    return EconomicEvent(
      time: time, name: name, instruments: instruments, before: before, after: after, line: line)
  }

  /// The `instruments` cell: `*`, or `SYMBOL.VENUE` names separated by spaces. Nil for `*` (and
  /// after a problem).
  private static func readInstruments(
    _ field: CSVLine.Field, _ fail: (CSVLine.Field, String) -> Void
  ) -> [String]? {
    let names = field.text.split(whereSeparator: { $0 == " " || $0 == "\t" })
    if names.isEmpty {
      fail(
        field,
        "instruments: the cell is empty; list instruments as SYMBOL.VENUE separated by spaces, "
          + "or write * for all")
      return nil
    }
    if names.contains("*") {
      if names.count > 1 {
        fail(field, "instruments: `*` means every instrument and cannot be combined with others")
      }
      return nil
    }
    var symbols: [String] = []
    for name in names {
      if !InstrumentSymbol.isQualified(name) {
        fail(
          field, "instruments: `\(name)` is not an instrument; write SYMBOL.VENUE, like SPY.ARCA")
      } else if symbols.contains(String(name)) {
        fail(field, "instruments: `\(name)` is listed twice")
      } else {
        symbols.append(String(name))
      }
    }
    return symbols
  }
}
