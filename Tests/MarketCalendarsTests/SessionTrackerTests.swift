import MarketCalendars
import Testing

/// A tracker for `TEST.SIM` on a one-calendar file in New York time with the given sessions.
func newYorkSession(_ sessions: String, extra: String = "") throws -> Session {
  let text = """
    calendars:
      NY:
        zone: America/New_York
        sessions: \(sessions)
    \(extra)
    instruments:
      TEST.SIM: NY
    """
  let calendar = try TradingCalendar.parse(text: text, file: "inline.yaml")
  return Session(try #require(calendar.tracker(for: "TEST.SIM")))
}

@Suite("Trading sessions: opening hours, holidays, early closes, DST")
struct SessionTrackerTests {
  @Test func opensAtTheOpenAndClosesAtTheClose() throws {
    let spy = Session(try #require(try Fixtures.xnys2013().tracker(for: "SPY.ARCA")))
    // Monday 7 October 2013, 09:30-16:00 EDT.
    let open = utc("2013-10-07T13:30:00Z")
    let close = utc("2013-10-07T20:00:00Z")
    #expect(!spy.isOpen(open - 1))
    #expect(spy.isOpen(open))
    #expect(spy.isOpen(close - 1))
    #expect(!spy.isOpen(close))
    #expect(!spy.isOpen(utc("2013-10-07T03:00:00Z")))
    #expect(spy.tracker.schedule.name == "XNYS")
    #expect(spy.tracker.schedule.zoneIdentifier == "America/New_York")
  }

  @Test func everyBarOfTheTestWeekIsInsideTheSession() throws {
    let spy = Session(try #require(try Fixtures.xnys2013().tracker(for: "SPY.ARCA")))
    var openSeconds = 0
    // 7-11 October 2013, one query a second from 13:00Z to 21:00Z each day.
    for day in 0..<5 {
      let start = utc("2013-10-07T13:00:00Z") + hours(24) * Int64(day)
      for second in 0..<(8 * 3600) where spy.isOpen(start + seconds(Int64(second))) {
        openSeconds += 1
      }
    }
    #expect(openSeconds == 5 * 23_400)
  }

  @Test func weekendsAreClosed() throws {
    let spy = Session(try #require(try Fixtures.xnys2013().tracker(for: "SPY.ARCA")))
    #expect(!spy.isOpen(utc("2013-10-12T15:00:00Z")))  // Saturday
    #expect(!spy.isOpen(utc("2013-10-13T15:00:00Z")))  // Sunday
    #expect(spy.isOpen(utc("2013-10-14T15:00:00Z")))  // Monday
  }

  @Test func holidaysAreClosedAllDay() throws {
    let spy = Session(try #require(try Fixtures.xnys2013().tracker(for: "SPY.ARCA")))
    #expect(spy.isOpen(utc("2013-11-27T15:00:00Z")))
    for hour in 0..<24 {
      #expect(!spy.isOpen(utc("2013-11-28T00:00:00Z") + hours(Int64(hour))))  // Thanksgiving
    }
    #expect(!spy.isOpen(utc("2013-12-25T15:00:00Z")))
    #expect(!spy.isOpen(utc("2013-03-29T15:00:00Z")))  // Good Friday
    #expect(spy.isOpen(utc("2013-12-26T15:00:00Z")))
  }

  @Test func earlyClosesCutTheSession() throws {
    let spy = Session(try #require(try Fixtures.xnys2013().tracker(for: "SPY.ARCA")))
    // 13:00 EST on 29 November and 24 December, 13:00 EDT on 3 July.
    for close in ["2013-11-29T18:00:00Z", "2013-12-24T18:00:00Z", "2013-07-03T17:00:00Z"] {
      #expect(spy.isOpen(utc(close) - 1), "\(close)")
      #expect(!spy.isOpen(utc(close)), "\(close)")
      #expect(!spy.isOpen(utc(close) + hours(2)), "\(close)")
    }
    #expect(spy.isOpen(utc("2013-11-29T14:30:00Z")))
    #expect(spy.isOpen(utc("2013-12-23T20:00:00Z") - 1))  // a normal day before
  }

  @Test func openingTimeFollowsDaylightSavingTime() throws {
    let spy = Session(try #require(try Fixtures.xnys2013().tracker(for: "SPY.ARCA")))
    // Clocks went forward on Sunday 10 March 2013 and back on Sunday 3 November 2013.
    #expect(!spy.isOpen(utc("2013-03-08T14:30:00Z") - 1))
    #expect(spy.isOpen(utc("2013-03-08T14:30:00Z")))
    #expect(spy.isOpen(utc("2013-03-11T13:30:00Z")))
    #expect(!spy.isOpen(utc("2013-03-11T20:00:00Z")))
    #expect(spy.isOpen(utc("2013-11-01T13:30:00Z")))
    #expect(!spy.isOpen(utc("2013-11-04T13:30:00Z")))
    #expect(spy.isOpen(utc("2013-11-04T14:30:00Z")))
    #expect(spy.isOpen(utc("2013-11-04T21:00:00Z") - 1))
  }

  @Test func springForwardDayIs23HoursLong() throws {
    let market = try newYorkSession(#"{sun: ["00:00-24:00"]}"#)
    // Sunday 10 March 2013: 00:00 EST (05:00Z) to Monday 00:00 EDT (04:00Z).
    #expect(!market.isOpen(utc("2013-03-10T05:00:00Z") - 1))
    #expect(market.isOpen(utc("2013-03-10T05:00:00Z")))
    #expect(market.isOpen(utc("2013-03-11T04:00:00Z") - 1))
    #expect(!market.isOpen(utc("2013-03-11T04:00:00Z")))
    #expect(market.nextChange(utc("2013-03-10T06:00:00Z")) == utc("2013-03-11T04:00:00Z"))
  }

  @Test func fallBackDayIs25HoursLong() throws {
    let market = try newYorkSession(#"{sun: ["00:00-24:00"]}"#)
    // Sunday 3 November 2013: 00:00 EDT (04:00Z) to Monday 00:00 EST (05:00Z).
    #expect(!market.isOpen(utc("2013-11-03T04:00:00Z") - 1))
    #expect(market.isOpen(utc("2013-11-03T04:00:00Z")))
    #expect(market.isOpen(utc("2013-11-04T05:00:00Z") - 1))
    #expect(!market.isOpen(utc("2013-11-04T05:00:00Z")))
  }

  @Test func sessionTimesInsideTheSpringGapStartWhenTheClocksJump() throws {
    // 02:00-03:00 does not exist on 10 March 2013 in New York (07:00Z is 03:00 EDT).
    let partly = try newYorkSession(#"{sun: ["02:30-03:30"]}"#)
    #expect(!partly.isOpen(utc("2013-03-10T07:00:00Z") - 1))
    #expect(partly.isOpen(utc("2013-03-10T07:00:00Z")))
    #expect(!partly.isOpen(utc("2013-03-10T07:30:00Z")))
    // A week later the same session is an hour long again.
    #expect(partly.isOpen(utc("2013-03-17T06:30:00Z")))
    #expect(!partly.isOpen(utc("2013-03-17T07:30:00Z")))

    let inside = try newYorkSession(#"{sun: ["02:00-02:30", "12:00-13:00"]}"#)
    for minute in stride(from: Int64(0), to: 24 * 60, by: 5) {
      let now = utc("2013-03-10T05:00:00Z") + minutes(minute)
      #expect(
        inside.isOpen(now)
          == (now >= utc("2013-03-10T16:00:00Z") && now < utc("2013-03-10T17:00:00Z")))
    }
  }

  @Test func repeatedAutumnHourStartsAtItsFirstOccurrence() throws {
    // 01:00-02:00 happens twice on 3 November 2013: 05:00-06:00Z (EDT), then 06:00-07:00Z (EST).
    let market = try newYorkSession(#"{sun: ["01:30-02:00"]}"#)
    #expect(!market.isOpen(utc("2013-11-03T05:30:00Z") - 1))
    #expect(market.isOpen(utc("2013-11-03T05:30:00Z")))
    #expect(market.isOpen(utc("2013-11-03T06:45:00Z")))
    #expect(!market.isOpen(utc("2013-11-03T07:00:00Z")))
  }

  @Test func sessionsAcrossMidnightAreContinuous() throws {
    let euro = Session(try #require(try Fixtures.xnys2013().tracker(for: "6E.CME")))
    // Sunday 6 October 2013, 17:00 CDT = 22:00Z; the daily break is 16:00-17:00 CDT.
    #expect(!euro.isOpen(utc("2013-10-06T22:00:00Z") - 1))
    #expect(euro.isOpen(utc("2013-10-06T22:00:00Z")))
    #expect(euro.isOpen(utc("2013-10-07T05:00:00Z") - 1))  // 23:59:59 Sunday in Chicago
    #expect(euro.isOpen(utc("2013-10-07T05:00:00Z")))  // 00:00 Monday
    #expect(!euro.isOpen(utc("2013-10-07T21:00:00Z")))
    #expect(euro.isOpen(utc("2013-10-07T22:00:00Z")))
    #expect(!euro.isOpen(utc("2013-10-11T21:00:00Z")))  // Friday 16:00 CDT
    #expect(!euro.isOpen(utc("2013-10-12T12:00:00Z")))  // Saturday
    // Midnight is no change; the next one is Monday's break.
    #expect(euro.nextChange(utc("2013-10-06T23:00:00Z")) == utc("2013-10-07T21:00:00Z"))
    #expect(euro.nextChange(utc("2013-10-11T21:00:00Z")) == utc("2013-10-13T22:00:00Z"))
  }

  @Test func chicagoSundayOpenMovesWithDaylightSavingTime() throws {
    let euro = Session(try #require(try Fixtures.xnys2013().tracker(for: "6E.CME")))
    #expect(euro.isOpen(utc("2013-03-03T23:00:00Z")))  // 17:00 CST
    #expect(!euro.isOpen(utc("2013-03-03T22:30:00Z")))
    #expect(euro.isOpen(utc("2013-03-10T22:00:00Z")))  // 17:00 CDT, the day clocks changed
    #expect(!euro.isOpen(utc("2013-03-10T22:00:00Z") - 1))
  }

  @Test func unknownInstrumentHasNoTracker() throws {
    let calendar = try Fixtures.xnys2013()
    #expect(calendar.tracker(for: "QQQ.NASDAQ") == nil)
    #expect(calendar.tracker(for: "SPY") == nil)
    #expect(calendar.instruments.keys.sorted() == ["6E.CME", "SPY.ARCA"])
    #expect(calendar.schedules.keys.sorted() == ["CME-GLOBEX", "XNYS"])
  }

  @Test func nextChangeSkipsWeekendsHolidaysAndFollowsEarlyCloses() throws {
    let spy = Session(try #require(try Fixtures.xnys2013().tracker(for: "SPY.ARCA")))
    #expect(spy.nextChange(utc("2013-10-07T15:00:00Z")) == utc("2013-10-07T20:00:00Z"))
    // The close instant itself is already closed: the next change is Tuesday's open.
    #expect(spy.nextChange(utc("2013-10-07T20:00:00Z")) == utc("2013-10-08T13:30:00Z"))
    #expect(spy.nextChange(utc("2013-10-11T20:00:00Z")) == utc("2013-10-14T13:30:00Z"))
    // Wednesday before Thanksgiving -> Friday's open, then its 13:00 close.
    #expect(spy.nextChange(utc("2013-11-27T21:00:00Z")) == utc("2013-11-29T14:30:00Z"))
    #expect(spy.nextChange(utc("2013-11-29T15:00:00Z")) == utc("2013-11-29T18:00:00Z"))
    #expect(spy.nextChange(utc("2013-11-29T18:00:00Z")) == utc("2013-12-02T14:30:00Z"))
    // A cached answer is reused until it passes, also for a later query.
    #expect(spy.nextChange(utc("2013-12-01T00:00:00Z")) == utc("2013-12-02T14:30:00Z"))
  }

  @Test func touchingSessionsAreOneSession() throws {
    let market = try newYorkSession(#"{mon-fri: ["12:00-16:00", "09:30-12:00"]}"#)
    #expect(market.isOpen(utc("2013-10-07T16:00:00Z")))  // 12:00 EDT
    #expect(market.nextChange(utc("2013-10-07T14:00:00Z")) == utc("2013-10-07T20:00:00Z"))
  }

  @Test func alwaysOpenHasNoNextChange() throws {
    let market = try newYorkSession(#"{mon-sun: ["00:00-24:00"]}"#)
    #expect(market.isOpen(utc("2013-03-10T07:00:00Z")))
    #expect(market.nextChange(utc("2013-03-10T07:00:00Z")) == nil)
  }

  @Test func timeGoingBackwardsIsAnsweredCorrectly() throws {
    let spy = Session(try #require(try Fixtures.xnys2013().tracker(for: "SPY.ARCA")))
    #expect(spy.isOpen(utc("2013-10-08T15:00:00Z")))
    #expect(!spy.isOpen(utc("2013-10-05T15:00:00Z")))
    #expect(spy.isOpen(utc("2013-10-07T15:00:00Z")))
    #expect(spy.nextChange(utc("2013-10-09T15:00:00Z")) == utc("2013-10-09T20:00:00Z"))
    #expect(spy.nextChange(utc("2013-10-08T15:00:00Z")) == utc("2013-10-08T20:00:00Z"))
  }

  @Test func extremeTimesDoNotTrap() throws {
    let spy = Session(try #require(try Fixtures.xnys2013().tracker(for: "SPY.ARCA")))
    // 2262-04-11 23:47Z is a Friday evening in New York; 1677-09-21 00:12Z a Monday evening.
    #expect(!spy.isOpen(.max))
    #expect(!spy.isOpen(.min))
    #expect(spy.isOpen(utc("2013-10-07T15:00:00Z")))
  }
}
