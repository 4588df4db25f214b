import MarketCalendars
import Testing

@Suite("Economic calendar: blackout windows")
struct EventCalendarTests {
  @Test func loadsTheFixtureWithOffsetsQuotesAndDefaults() throws {
    let calendar = try Fixtures.events2013()
    #expect(calendar.events.count == 13)
    let january = calendar.events[0]
    #expect(january.time == utc("2013-01-30T19:00:00Z"))  // 14:00-05:00
    #expect(january.instruments == nil)
    #expect(january.window == utc("2013-01-30T18:45:00Z")..<utc("2013-01-30T19:30:00Z"))
    #expect(january.line == 4)
    let press = calendar.events[2]
    #expect(press.name == "FOMC press conference")
    #expect(press.before == minutes(5))  // the default
    #expect(press.after == hours(1))
    let jobs = calendar.events[9]
    #expect(jobs.name == "Employment situation, September (delayed)")
    #expect(jobs.instruments == ["SPY.ARCA", "6E.CME"])
    #expect(jobs.time == utc("2013-10-22T12:30:00Z"))
    #expect(calendar.events[8].before == seconds(90))
  }

  @Test func windowStartIsInclusiveAndEndExclusive() throws {
    let calendar = try Fixtures.events2013()
    let spy = Blackouts(calendar.tracker(for: "SPY.ARCA"))
    let start = utc("2013-10-09T17:45:00Z")
    let end = utc("2013-10-09T18:30:00Z")
    #expect(spy.at(start - 1) == nil)
    let window = try #require(spy.at(start))
    #expect(window == BlackoutWindow(start: start, end: end, event: 7))
    #expect(calendar.name(of: window) == "FOMC minutes")
    #expect(spy.at(utc("2013-10-09T18:00:00Z")) == window)
    #expect(spy.at(end - 1) == window)
    #expect(spy.at(end) == nil)
    // 90 seconds before and 5 minutes after the jobless claims.
    #expect(spy.at(utc("2013-10-10T12:28:30Z") - 1) == nil)
    #expect(spy.at(utc("2013-10-10T12:28:30Z"))?.event == 8)
    #expect(spy.at(utc("2013-10-10T12:35:00Z")) == nil)
  }

  @Test func overlappingWindowsAreOneBlackout() throws {
    let calendar = try Fixtures.events2013()
    let spy = Blackouts(calendar.tracker(for: "SPY.ARCA"))
    // 20 March 2013: the statement [17:45, 18:30) and the press conference [18:25, 19:30).
    let start = utc("2013-03-20T17:45:00Z")
    let end = utc("2013-03-20T19:30:00Z")
    #expect(spy.at(utc("2013-03-20T18:00:00Z")) == BlackoutWindow(start: start, end: end, event: 1))
    // Both windows contain 18:27; the statement's began first.
    #expect(spy.at(utc("2013-03-20T18:27:00Z")) == BlackoutWindow(start: start, end: end, event: 1))
    #expect(spy.at(utc("2013-03-20T18:30:00Z")) == BlackoutWindow(start: start, end: end, event: 2))
    #expect(spy.at(end - 1)?.event == 2)
    #expect(spy.at(end) == nil)
  }

  @Test func touchingWindowsAreOneBlackout() throws {
    let calendar = try EventCalendar.parse(
      text: """
        time,name,instruments,before,after
        2013-10-08T10:00:00Z,A,*,10m,10m
        2013-10-08T10:20:00Z,B,*,10m,10m
        """, file: "inline.csv")
    let any = Blackouts(calendar.tracker(for: "ANY.SIM"))
    let whole = (utc("2013-10-08T09:50:00Z"), utc("2013-10-08T10:30:00Z"))
    #expect(
      any.at(utc("2013-10-08T10:05:00Z")) == BlackoutWindow(start: whole.0, end: whole.1, event: 0))
    #expect(
      any.at(utc("2013-10-08T10:10:00Z")) == BlackoutWindow(start: whole.0, end: whole.1, event: 1))
  }

  @Test func starEventsApplyToEveryInstrumentAndListedOnesOnlyToTheirs() throws {
    let calendar = try Fixtures.events2013()
    let minutes = utc("2013-10-09T18:00:00Z")
    let claims = utc("2013-10-10T12:30:00Z")
    let statement = utc("2013-10-30T18:00:00Z")
    let spy = Blackouts(calendar.tracker(for: "SPY.ARCA"))
    let euro = Blackouts(calendar.tracker(for: "6E.CME"))
    let other = Blackouts(calendar.tracker(for: "QQQ.NASDAQ"))
    #expect(spy.at(minutes)?.event == 7)
    #expect(euro.at(minutes)?.event == 7)
    #expect(other.at(minutes) == nil)
    #expect(spy.at(claims)?.event == 8)
    #expect(euro.at(claims) == nil)
    #expect(other.at(claims) == nil)
    for tracker in [spy, euro, other] {
      #expect(tracker.at(statement)?.event == 10)
    }
  }

  @Test func cursorAnswersMatchABruteForceSearchForwardsAndBackwards() throws {
    let calendar = try Fixtures.events2013()
    // Every window edge and the nanosecond before it, every minute within three hours of an
    // event, and every hour of 2013, in increasing order.
    var times = Set<Int64>()
    for event in calendar.events {
      for edge in [event.window.lowerBound, event.window.upperBound] {
        times.formUnion([edge - 1, edge])
      }
      for minute in -180...180 { times.insert(event.time + minutes(Int64(minute))) }
    }
    let yearStart = utc("2013-01-01T00:00:00Z")
    for hour in 0..<(24 * 365) { times.insert(yearStart + hours(Int64(hour))) }
    let increasing = times.sorted()
    for symbol in ["SPY.ARCA", "6E.CME", "QQQ.NASDAQ"] {
      let blackouts = Blackouts(calendar.tracker(for: symbol))
      var mismatches: [Int64] = []
      var hits = 0
      for now in increasing {
        let answer = blackouts.at(now)
        if answer != expectedWindow(calendar, symbol, now) { mismatches.append(now) }
        if answer != nil { hits += 1 }
      }
      // Then the same times in a seeded random order, so time often goes backwards.
      var state: UInt64 = 0x9E37_79B9_7F4A_7C15
      for _ in 0..<increasing.count {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        let now = increasing[Int((state >> 33) % UInt64(increasing.count))]
        if blackouts.at(now) != expectedWindow(calendar, symbol, now) { mismatches.append(now) }
      }
      let wrong = mismatches.count
      #expect(wrong == 0, "\(symbol): wrong at \(Array(mismatches.prefix(5)))")
      #expect(hits > 100, "\(symbol)")
    }
  }

  @Test func anInstrumentWithoutEventsNeverBlacksOut() throws {
    let calendar = try EventCalendar.parse(
      text: "time,name,instruments,before,after\n2013-10-08T10:00:00Z,A,SPY.ARCA,1m,1m\n",
      file: "inline.csv")
    let other = Blackouts(calendar.tracker(for: "6E.CME"))
    #expect(other.at(utc("2013-10-08T10:00:00Z")) == nil)
  }

  @Test func defaultsFillMissingColumnsAndEmptyCells() throws {
    let calendar = try EventCalendar.parse(
      text: "# comment\n\nname,time,instruments\r\nX,2013-10-08T10:00:00.5+02:00,*\r\n",
      file: "inline.csv", defaultBefore: minutes(2), defaultAfter: seconds(30))
    let event = try #require(calendar.events.first)
    #expect(event.time == utc("2013-10-08T08:00:00Z") + 500_000_000)
    #expect(event.window == (event.time - minutes(2))..<(event.time + seconds(30)))
    #expect(event.line == 4)
  }

  @Test func anEmptyEventFileIsAProblemButAHeaderAloneIsFine() throws {
    expectProblem(eventProblems(""), line: nil, "the file has no header line")
    let calendar = try EventCalendar.parse(
      text: "time,name,instruments,before,after\n", file: "inline.csv")
    #expect(calendar.events.isEmpty)
  }
}

/// The blackout at `now` by brute force over all events: the merged extent of the windows that
/// overlap or touch the one containing `now`, and the active event that began first.
func expectedWindow(_ calendar: EventCalendar, _ symbol: String, _ now: Int64) -> BlackoutWindow? {
  let windows = calendar.events.enumerated()
    .filter { $0.element.applies(to: symbol) }
    .map { (range: $0.element.window, event: $0.offset) }
  let active = windows.filter { $0.range.contains(now) }
    .min { ($0.range.lowerBound, $0.event) < ($1.range.lowerBound, $1.event) }
  guard let active else { return nil }
  var start = active.range.lowerBound
  var end = active.range.upperBound
  var grew = true
  while grew {
    grew = false
    for window in windows
    where window.range.lowerBound <= end && window.range.upperBound >= start
      && (window.range.lowerBound < start || window.range.upperBound > end)
    {
      start = min(start, window.range.lowerBound)
      end = max(end, window.range.upperBound)
      grew = true
    }
  }
  return BlackoutWindow(start: start, end: end, event: active.event)
}
