import MarketCalendars
import Testing

/// Bad calendar files, one test per kind of mistake. Each checks the line (and column) the
/// problem names and that the sentence says what is wrong.
@Suite("Calendar files: every kind of mistake, reported with its line")
struct CalendarFileErrorTests {
  /// A valid calendar `X` (lines 1-5) and instrument `A.B` (lines 6-7), with `extra` lines
  /// inserted into `X` after line 5.
  static func calendar(extra: String = "") -> String {
    """
    calendars:
      X:
        zone: America/New_York
        sessions:
          mon-fri: ["09:30-16:00"]
    \(extra)
    instruments:
      A.B: X
    """
  }

  @Test func theBaseCalendarIsValid() throws {
    let calendar = try TradingCalendar.parse(text: Self.calendar(), file: "inline.yaml")
    #expect(calendar.tracker(for: "A.B") != nil)
  }

  @Test func yamlSyntaxError() {
    let problems = calendarProblems("calendars:\n  X: [a, b\ninstruments: {}\n")
    #expect(problems.count == 1)
    expectProblem(problems, line: 3, "the file is not valid YAML")
  }

  @Test func emptyFileAndCommentsOnly() {
    expectProblem(calendarProblems(""), line: nil, "the file is empty")
    expectProblem(calendarProblems("# nothing here\n"), line: nil, "the file is empty")
  }

  @Test func unknownKeysWithSuggestions() {
    let problems = calendarProblems(
      Self.calendar(extra: "    holiday: [2013-12-25]\n    colour: red") + "\nversion: 2\n")
    #expect(problems.count == 3)
    expectProblem(
      problems, line: 6, column: 5, "calendars.X: unknown key `holiday`; did you mean `holidays`?")
    expectProblem(
      problems, line: 7, column: 5,
      "calendars.X: unknown key `colour` (known keys: zone, sessions, holidays, early_closes)")
    expectProblem(problems, line: 10, column: 1, "the file: unknown key `version`")
  }

  @Test func missingRequiredKeys() {
    let problems = calendarProblems("calendars:\n  X:\n    holidays: []\n")
    #expect(problems.count == 3)
    expectProblem(problems, line: 1, "the file: missing required key `instruments`")
    expectProblem(problems, line: 3, column: 5, "calendars.X: missing required key `zone`")
    expectProblem(problems, line: 3, column: 5, "calendars.X: missing required key `sessions`")
  }

  @Test func badTimesOfDay() {
    let problems = calendarProblems(
      Self.calendar(
        extra: """
                sat: ["25:00-26:00"]
                sun: ["09:30-09:00", "24:00-24:00", "0930-1600", "12:60-13:00", 9]
          """))
    #expect(problems.count == 6)
    expectProblem(
      problems, line: 6, column: 13,
      "calendars.X.sessions.sat: `25:00-26:00`: `25:00` is not a time of day")
    expectProblem(
      problems, line: 7, column: 13,
      "calendars.X.sessions.sun: `09:30-09:00`: the session must end after it starts")
    expectProblem(problems, line: 7, column: 28, "`24:00-24:00`: a session cannot start at 24:00")
    expectProblem(problems, line: 7, column: 43, "`0930-1600`: `0930` is not a time of day")
    expectProblem(problems, line: 7, column: 56, "`12:60-13:00`: `12:60` is not a time of day")
    expectProblem(
      problems, line: 7, column: 71, "`9`: it is not a session; write it as HH:MM-HH:MM")
  }

  @Test func overlappingSessions() {
    let problems = calendarProblems(
      Self.calendar(extra: #"      sat: ["09:30-12:00", "11:00-16:00", "16:00-17:00"]"#))
    #expect(problems.count == 1)
    expectProblem(
      problems, line: 6, column: 28,
      "calendars.X.sessions.sat: the sessions 09:30-12:00 and 11:00-16:00 overlap")
  }

  @Test func badWeekdaysAndDaysGivenTwice() {
    let problems = calendarProblems(
      Self.calendar(extra: #"      mon-fry: ["09:30-16:00"]\#n      fri,sat: ["10:00-11:00"]"#))
    #expect(problems.count == 2)
    expectProblem(
      problems, line: 6, column: 7,
      "calendars.X.sessions: `mon-fry` does not name weekdays: `fry` is not one of mon, tue")
    expectProblem(
      problems, line: 7, column: 7,
      "calendars.X.sessions.fri,sat: Friday already has sessions from `mon-fri` at line 5")
  }

  @Test func noSessionAtAll() {
    let problems = calendarProblems(
      "calendars:\n  X:\n    zone: UTC\n    sessions: {mon-fri: []}\ninstruments: {A.B: X}\n")
    #expect(problems.count == 1)
    expectProblem(problems, line: 4, column: 15, "calendars.X.sessions: no weekday has a session")
  }

  @Test func badDates() {
    let problems = calendarProblems(
      Self.calendar(
        extra: """
              holidays: [2013-02-30, 2013-13-01, next tuesday, 1850-01-01, 2013-1-2]
              early_closes: {2013-11-31: "13:00"}
          """))
    #expect(problems.count == 6)
    for (column, date) in [
      (16, "2013-02-30"), (28, "2013-13-01"), (40, "next tuesday"),
      (54, "1850-01-01"), (66, "2013-1-2"),
    ] {
      expectProblem(
        problems, line: 6, column: column,
        "calendars.X.holidays: `\(date)` is not a date; write YYYY-MM-DD")
    }
    expectProblem(
      problems, line: 7, column: 20, "calendars.X.early_closes: `2013-11-31` is not a date")
  }

  @Test func holidayProblems() {
    let problems = calendarProblems(
      Self.calendar(
        extra: "    holidays:\n      - 2013-12-25\n      - 2013-12-25\n      - 2013-12-28"))
    #expect(problems.count == 2)
    expectProblem(
      problems, line: 8, column: 9,
      "calendars.X.holidays: 2013-12-25 is listed twice; it was first given at line 7")
    expectProblem(
      problems, line: 9, column: 9,
      "calendars.X.holidays: 2013-12-28 is a Saturday, when X has no sessions anyway")
  }

  @Test func earlyCloseProblems() {
    let problems = calendarProblems(
      Self.calendar(
        extra: """
              holidays: [2013-12-25]
              early_closes:
                2013-12-25: "13:00"
                2013-12-28: "13:00"
                2013-11-29: "17:00"
                2013-12-24: "09:00"
                2013-07-03: "1pm"
                2013-07-05: [13:00]
          """))
    #expect(problems.count == 6)
    expectProblem(
      problems, line: 8, column: 7,
      "calendars.X.early_closes.2013-12-25: the date is also a holiday")
    expectProblem(
      problems, line: 9, column: 7, "2013-12-28: the date is a Saturday, when X has no sessions")
    expectProblem(
      problems, line: 10, column: 19,
      "2013-11-29: 17:00 is not before the day's regular close (16:00)")
    expectProblem(
      problems, line: 11, column: 19,
      "2013-12-24: 09:00 is not after the day's first session opens (09:30); list the date under "
        + "holidays")
    expectProblem(problems, line: 12, column: 19, "2013-07-03: `1pm` is not a time of day")
    expectProblem(
      problems, line: 13, column: 19, "2013-07-05: expected a closing time (HH:MM), found a list")
  }

  @Test func unknownZone() {
    let problems = calendarProblems(
      Self.calendar().replacingOccurrences(of: "America/New_York", with: "America/New_Yrok"))
    #expect(problems.count == 1)
    expectProblem(
      problems, line: 3, column: 11,
      "calendars.X.zone: unknown time zone `America/New_Yrok`; use an IANA name")
  }

  @Test func unknownCalendarAndBadInstrumentNames() {
    // Line 6 of the base calendar is empty, 7-8 are its instruments.
    let problems = calendarProblems(
      Self.calendar() + "\n  SPY: X\n  C.D: NYSE\n  E.F: XX\n  G.H: []")
    #expect(problems.count == 4)
    expectProblem(
      problems, line: 9, column: 3,
      "instruments.SPY: `SPY` is not an instrument; write SYMBOL.VENUE, like SPY.ARCA")
    expectProblem(
      problems, line: 10, column: 8, "instruments.C.D: unknown calendar `NYSE` (defined: X)")
    expectProblem(
      problems, line: 11, column: 8, "instruments.E.F: unknown calendar `XX`; did you mean `X`?")
    expectProblem(
      problems, line: 12, column: 8, "instruments.G.H: expected a calendar name, found a list")
  }

  @Test func duplicateKeysAtEveryLevelAlongsideOtherProblems() {
    let text = """
      calendars:
        X:
          zone: America/New_York
          zone: Europe/London
          sessions:
            mon-fri: ["09:30-16:00"]
            mon-fri: ["10:00-16:00"]
          early_closes: {2013-11-29: "13:00", 2013-11-29: "12:00"}
          holidays: [2013-02-30]
      instruments:
        A.B: X
        A.B: X
      instruments: {}
      """
    let problems = calendarProblems(text)
    #expect(problems.count == 6)
    expectProblem(
      problems, line: 4, column: 5,
      "calendars.X: the key `zone` is repeated; it was first given at line 3")
    expectProblem(
      problems, line: 7, column: 7,
      "calendars.X.sessions: the key `mon-fri` is repeated; it was first given at line 6")
    expectProblem(
      problems, line: 8, column: 41,
      "calendars.X.early_closes: the key `2013-11-29` is repeated; it was first given at line 8")
    expectProblem(problems, line: 9, column: 16, "`2013-02-30` is not a date")
    expectProblem(
      problems, line: 12, column: 3,
      "instruments: the key `A.B` is repeated; it was first given at line 11")
    expectProblem(
      problems, line: 13, column: 1,
      "the file: the key `instruments` is repeated; it was first given at line 10")
  }

  @Test func wrongShapes() {
    let problems = calendarProblems(
      """
      calendars:
        X:
          zone: [UTC]
          sessions: ["09:30-16:00"]
          holidays: {2013-12-25: closed}
        Y: weekdays
      instruments: [A.B]
      """)
    #expect(problems.count == 5)
    expectProblem(
      problems, line: 3, column: 11, "calendars.X.zone: expected a time zone name, found a list")
    expectProblem(
      problems, line: 4, column: 15, "calendars.X.sessions: expected a mapping of weekdays")
    expectProblem(
      problems, line: 5, column: 15,
      "calendars.X.holidays: expected a list of dates (YYYY-MM-DD), found a mapping")
    expectProblem(
      problems, line: 6, column: 6,
      "calendars.Y: expected a mapping with `zone` and `sessions`, found `weekdays`")
    expectProblem(
      problems, line: 7, column: 14,
      "instruments: expected a mapping of SYMBOL.VENUE to calendar names, found a list")
  }

  @Test func topLevelShapes() {
    let list = calendarProblems("- calendars\n- instruments\n")
    #expect(list.count == 1)
    expectProblem(
      list, line: 1, column: 1,
      "the file: expected a mapping with `calendars` and `instruments`, found a list")
    let none = calendarProblems("calendars: {}\ninstruments: {}\n")
    #expect(none.count == 1)
    expectProblem(none, line: 1, column: 12, "calendars: no calendar is defined")
  }

  @Test func aliasesAreRefused() {
    let text = Self.calendar(
      extra:
        "    holidays: &days [2013-12-25]\n  Y:\n    zone: UTC\n    sessions: {mon: [\"00:00-24:00\"]}\n    holidays: *days"
    )
    let problems = calendarProblems(text)
    #expect(problems.count == 1)
    expectProblem(problems, line: 10, column: 15, "aliases (`*name`) are not supported")
  }

  @Test func anchorsAndStarsInTextAreFine() throws {
    // An anchor alone is harmless; a `*` inside quoted text is no alias.
    let text = Self.calendar().replacingOccurrences(of: "A.B: X", with: "\"A*.B\": X")
      .replacingOccurrences(of: "zone:", with: "zone: &zone")
    let calendar = try TradingCalendar.parse(text: text, file: "inline.yaml")
    #expect(calendar.tracker(for: "A*.B") != nil)
  }

  @Test func everyProblemOfAFileAtOnceInLineOrder() {
    let path = Fixtures.path("bad-calendar.yaml")
    do {
      _ = try TradingCalendar.load(path: path)
      Issue.record("expected problems")
    } catch {
      let lines = error.problems.compactMap(\.line)
      #expect(lines == lines.sorted())
      #expect(error.problems.count == 5)
      expectProblem(error.problems, line: 4, column: 11, "unknown time zone `Mars/Olympus_Mons`")
      expectProblem(error.problems, line: 6, column: 17, "`25:00` is not a time of day")
      expectProblem(error.problems, line: 7, column: 16, "`2013-02-29` is not a date")
      expectProblem(
        error.problems, line: 10, column: 7,
        "calendars.XNYS.early_closes: the key `2013-11-29` is repeated; it was first given at line 9"
      )
      expectProblem(
        error.problems, line: 12, column: 13, "unknown calendar `XNYZ`; did you mean `XNYS`?")
      let description = error.description.split(separator: "\n").map(String.init)
      #expect(description.count == 5)
      #expect(
        description.first == "\(path):4:11: calendars.XNYS.zone: unknown time zone "
          + "`Mars/Olympus_Mons`; use an IANA name such as America/New_York, Europe/London or UTC")
    }
  }

  @Test func missingFile() {
    do {
      _ = try TradingCalendar.load(path: Fixtures.path("no-such-calendar.yaml"))
      Issue.record("expected an error")
    } catch {
      #expect(
        error.description.hasSuffix(
          "no-such-calendar.yaml: the file cannot be read (missing or not readable)"))
    }
  }
}
