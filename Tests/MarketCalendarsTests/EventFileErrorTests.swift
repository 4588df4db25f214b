import MarketCalendars
import Testing

/// Bad event files: each problem names the file, line, column and column name.
@Suite("Event files: bad headers and rows, reported with line and column")
struct EventFileErrorTests {
  static let header = "time,name,instruments,before,after\n"

  @Test func badTimes() {
    let problems = eventProblems(
      Self.header + """
        2013-10-09 18:00:00Z,A,*,1m,1m
        2013-10-09T18:00:00,B,*,1m,1m
        2013-02-30T18:00:00Z,C,*,1m,1m
        2013-10-09T24:00:00Z,D,*,1m,1m
        2013-10-09T18:00:00+05,E,*,1m,1m
        2013-10-09T18:00:00.1234567890Z,F,*,1m,1m
        """)
    #expect(problems.count == 6)
    for line in 2...7 {
      expectProblem(problems, line: line, column: 1, "time: `")
    }
    expectProblem(
      problems, line: 3, column: 1,
      "time: `2013-10-09T18:00:00` is not an ISO-8601 time with a zone; write it like "
        + "2013-10-09T18:00:00Z or 2013-10-09T14:00:00-04:00")
  }

  @Test func badDurations() {
    let problems = eventProblems(
      Self.header + """
        2013-10-09T18:00:00Z,A,*,15x,1m
        2013-10-09T18:00:00Z,B,*,1m,-5m
        2013-10-09T18:00:00Z,C,*,1.5h,1m
        2013-10-09T18:00:00Z,D,*,1m,745h
        2013-10-09T18:00:00Z,E,*,m,1m
        """)
    #expect(problems.count == 5)
    expectProblem(
      problems, line: 2, column: 26,
      "before: `15x` is not a duration; write a whole number of seconds, minutes or hours, like "
        + "90s, 15m or 2h (at most 31 days)")
    expectProblem(problems, line: 3, column: 29, "after: `-5m` is not a duration")
    expectProblem(problems, line: 4, column: 26, "before: `1.5h` is not a duration")
    expectProblem(problems, line: 5, column: 29, "after: `745h` is not a duration")
    expectProblem(problems, line: 6, column: 26, "before: `m` is not a duration")
  }

  @Test func emptyDurationsNeedADefaultAndTheWindowMustNotBeEmpty() {
    let text =
      Self.header + "2013-10-09T18:00:00Z,A,*,,1m\n2013-10-09T18:00:00Z,B,*,0,0s\n"
    let problems = eventProblems(text)
    #expect(problems.count == 2)
    expectProblem(
      problems, line: 2, column: 26, "before: the cell is empty and no default `before` was given")
    expectProblem(
      problems, line: 3, column: 28,
      "after: the blackout is empty (before and after are both 0); give one of them a length")
    // With a default, the empty cell is fine (the empty window is still a problem).
    let withDefault = eventProblems(text, defaultBefore: minutes(1))
    #expect(withDefault.count == 1)
    expectProblem(withDefault, line: 3, "after: the blackout is empty")
  }

  @Test func badInstrumentCells() {
    let problems = eventProblems(
      Self.header + """
        2013-10-09T18:00:00Z,A,,1m,1m
        2013-10-09T18:00:00Z,B,SPY,1m,1m
        2013-10-09T18:00:00Z,C,* SPY.ARCA,1m,1m
        2013-10-09T18:00:00Z,D,SPY.ARCA 6E.CME SPY.ARCA,1m,1m
        """)
    #expect(problems.count == 4)
    expectProblem(
      problems, line: 2, column: 24,
      "instruments: the cell is empty; list instruments as SYMBOL.VENUE separated by spaces, or "
        + "write * for all")
    expectProblem(
      problems, line: 3, column: 24,
      "instruments: `SPY` is not an instrument; write SYMBOL.VENUE, like SPY.ARCA")
    expectProblem(
      problems, line: 4, column: 24,
      "instruments: `*` means every instrument and cannot be combined with others")
    expectProblem(problems, line: 5, column: 24, "instruments: `SPY.ARCA` is listed twice")
  }

  @Test func emptyNameAndWrongFieldCount() {
    let problems = eventProblems(
      Self.header + """
        2013-10-09T18:00:00Z,,*,1m,1m
        2013-10-09T18:00:00Z,A,*,1m
        2013-10-09T18:00:00Z,A,*,1m,1m,extra
        """)
    #expect(problems.count == 3)
    expectProblem(problems, line: 2, column: 22, "name: the event needs a name")
    expectProblem(
      problems, line: 3, column: 1, "the line has 4 fields but the header names 5 columns")
    expectProblem(
      problems, line: 4, column: 1, "the line has 6 fields but the header names 5 columns")
  }

  @Test func badQuoting() {
    let problems = eventProblems(
      Self.header + #"""
        2013-10-09T18:00:00Z,"FOMC, minutes,*,1m,1m
        2013-10-09T18:00:00Z,FOMC "minutes",*,1m,1m
        2013-10-09T18:00:00Z,"FOMC" minutes,*,1m,1m
        2013-10-09T18:00:00Z,"FOMC ""minutes""",*,1m,1m
        """#)
    #expect(problems.count == 3)
    expectProblem(problems, line: 2, column: 22, "the quoted field is not closed")
    expectProblem(problems, line: 3, column: 27, "a quote inside an unquoted field")
    expectProblem(problems, line: 4, column: 29, "a quoted field must end with its closing quote")
  }

  @Test func quotedNamesKeepTheirQuotesAndCommas() throws {
    let calendar = try EventCalendar.parse(
      text: Self.header + #"2013-10-09T18:00:00Z,"FOMC ""minutes"", day 2",*,1m,1m"#,
      file: "inline.csv")
    #expect(calendar.events.first?.name == #"FOMC "minutes", day 2"#)
  }

  @Test func badHeaders() {
    let problems = eventProblems("time,nmae,instruments,before,time,colour\n")
    #expect(problems.count == 5)
    expectProblem(
      problems, line: 1, column: 6,
      "the header names an unknown column `nmae`; did you mean `name`?")
    expectProblem(problems, line: 1, column: 30, "the header names the column `time` twice")
    expectProblem(
      problems, line: 1, column: 35,
      "the header names an unknown column `colour` (columns: time, name, instruments, before, after)"
    )
    expectProblem(problems, line: 1, column: 1, "the header has no `name` column")
    expectProblem(
      problems, line: 1, column: 1,
      "the header has no `after` column and no default `after` was given")
  }

  @Test func negativeDefaultsAreRefused() {
    let problems = eventProblems(Self.header, defaultBefore: -1)
    #expect(problems.count == 1)
    expectProblem(problems, line: nil, "the default `before` must be from 0 to 31 days")
  }

  @Test func everyBadRowIsReportedAtOnceWithFileLineAndColumn() {
    let problems = eventProblems(
      "# header after a comment\n" + Self.header
        + "2013-10-09T18:00:00Z,A,*,1m,1m\n2013-13-09T18:00:00Z,B,*,1m,1m\n\n"
        + "2013-10-09T18:00:00Z,C,*,1m,soon\n")
    #expect(
      problems.map(\.description) == [
        "inline.csv:4:1: time: `2013-13-09T18:00:00Z` is not an ISO-8601 time with a zone; write it "
          + "like 2013-10-09T18:00:00Z or 2013-10-09T14:00:00-04:00 (years 1900 to 2199)",
        "inline.csv:6:29: after: `soon` is not a duration; write a whole number of seconds, minutes "
          + "or hours, like 90s, 15m or 2h (at most 31 days)",
      ])
  }

  @Test func missingFile() {
    do {
      _ = try EventCalendar.load(path: Fixtures.path("no-such-events.csv"))
      Issue.record("expected an error")
    } catch {
      #expect(error.problems.count == 1)
      #expect(
        error.description.hasSuffix(
          "no-such-events.csv: the file cannot be read (missing or not readable)"))
    }
  }
}
