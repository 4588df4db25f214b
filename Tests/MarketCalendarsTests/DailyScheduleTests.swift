import Foundation
import MarketCalendars
import Testing

@Suite("Daily schedule: trading-day boundaries")
struct DailyScheduleTests {
  @Test func defaultIsMidnightUTC() throws {
    let days = Days(try DailySchedule())
    let midnight = utc("2013-10-08T00:00:00Z")
    #expect(days.index(midnight - 1) == 15_985)  // 2013-10-07
    #expect(days.index(midnight) == 15_986)
    #expect(days.start(midnight + hours(5)) == midnight)
    #expect(days.nextReset(midnight) == midnight + hours(24))
    #expect(days.index(utc("1969-12-31T23:59:59Z")) == -1)
    #expect(try DailySchedule().zoneIdentifier == "UTC")
  }

  @Test func resetsAt1700NewYork() throws {
    let days = Days(try DailySchedule(resetAt: "17:00", zone: "America/New_York"))
    let reset = utc("2013-10-07T21:00:00Z")  // 17:00 EDT
    #expect(days.index(reset - 1) == 15_984)  // the day that began on 6 October
    #expect(days.index(reset) == 15_985)
    #expect(days.start(reset + hours(3)) == reset)
    #expect(days.nextReset(reset) == utc("2013-10-08T21:00:00Z"))
    #expect(days.start(reset - 1) == utc("2013-10-06T21:00:00Z"))
  }

  @Test func springForwardTradingDayIs23HoursLong() throws {
    let days = Days(try DailySchedule(resetAt: "17:00", zone: "America/New_York"))
    let saturday = utc("2013-03-09T22:00:00Z")  // 17:00 EST
    let sunday = utc("2013-03-10T21:00:00Z")  // 17:00 EDT
    #expect(days.start(saturday + hours(1)) == saturday)
    #expect(days.nextReset(saturday) == sunday)
    #expect(days.index(sunday - 1) + 1 == days.index(sunday))
  }

  @Test func fallBackTradingDayIs25HoursLong() throws {
    let days = Days(try DailySchedule(resetAt: "17:00", zone: "America/New_York"))
    let saturday = utc("2013-11-02T21:00:00Z")  // 17:00 EDT
    let sunday = utc("2013-11-03T22:00:00Z")  // 17:00 EST
    #expect(days.nextReset(saturday) == sunday)
    #expect(days.index(sunday - 1) == days.index(saturday))
    #expect(days.index(sunday) == days.index(saturday) + 1)
  }

  @Test func aResetInTheSpringGapHappensWhenTheClocksJump() throws {
    let days = Days(try DailySchedule(resetAt: "02:30", zone: "America/New_York"))
    #expect(days.start(utc("2013-03-09T12:00:00Z")) == utc("2013-03-09T07:30:00Z"))  // EST
    #expect(days.start(utc("2013-03-10T12:00:00Z")) == utc("2013-03-10T07:00:00Z"))  // 03:00 EDT
    #expect(days.start(utc("2013-03-11T12:00:00Z")) == utc("2013-03-11T06:30:00Z"))  // EDT
  }

  @Test func aRepeatedResetTimeHappensOnceAtItsFirstOccurrence() throws {
    let days = Days(try DailySchedule(resetAt: "01:30", zone: "America/New_York"))
    let first = utc("2013-11-03T05:30:00Z")  // 01:30 EDT
    #expect(days.index(first - 1) + 1 == days.index(first))
    // 01:30 EST (06:30Z) is the same wall time again, but no new day.
    #expect(days.index(utc("2013-11-03T06:45:00Z")) == days.index(first))
    #expect(days.nextReset(first) == utc("2013-11-04T06:30:00Z"))
  }

  @Test func indexRisesByOneAtEveryResetThroughAYear() throws {
    let days = Days(try DailySchedule(resetAt: "17:00", zone: "America/New_York"))
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = try #require(TimeZone(identifier: "America/New_York"))
    var previous = days.index(utc("2013-01-01T00:00:00Z"))
    var increments = 0
    var wrongBoundaries: [Int64] = []
    var now = utc("2013-01-01T00:00:00Z")
    let end = utc("2014-01-01T00:00:00Z")
    while now < end {
      let index = days.index(now)
      if index != previous {
        #expect(index == previous + 1)
        increments += 1
        let start = days.start(now)
        let local = calendar.dateComponents(
          [.hour, .minute, .second],
          from: Date(timeIntervalSince1970: Double(start / 1_000_000_000)))
        if local.hour != 17 || local.minute != 0 || local.second != 0 || start > now
          || now - start >= minutes(10)
        {
          wrongBoundaries.append(start)
        }
        previous = index
      }
      now += minutes(10)
    }
    #expect(increments == 365)
    #expect(wrongBoundaries.isEmpty)
  }

  @Test func timeGoingBackwards() throws {
    let days = Days(try DailySchedule(resetAt: "17:00", zone: "America/New_York"))
    #expect(days.index(utc("2013-10-09T12:00:00Z")) == 15_986)
    #expect(days.index(utc("2013-10-07T12:00:00Z")) == 15_984)
    #expect(days.index(utc("2013-10-09T12:00:00Z")) == 15_986)
  }

  @Test func badSettingsAreReportedTogether() {
    do {
      _ = try DailySchedule(resetAt: "24:00", zone: "Mars/Olympus_Mons")
      Issue.record("expected an error")
    } catch {
      #expect(error.problems.count == 2)
      #expect(error.problems.allSatisfy { $0.file == nil && $0.line == nil })
      #expect(
        error.description == """
          the daily reset time `24:00` is not a time of day; write HH:MM from 00:00 to 23:59, like 17:00
          the daily reset zone `Mars/Olympus_Mons` is not a known time zone; use an IANA name such as America/New_York, or UTC
          """)
    }
    for bad in ["5pm", "17:0", "25:00", "", "17:00:00"] {
      #expect(throws: CalendarError.self, "\(bad)") { try DailySchedule(resetAt: bad) }
    }
  }
}
