import Foundation
import MarketData
import Testing

/// One timestamp and the instant it names (epoch ns, converted by hand).
struct TimestampCase: Sendable, CustomTestStringConvertible {
  let text: String
  let format: TimestampFormat
  let offset: Int
  let expected: Int64
  var testDescription: String { "\(text) [\(format.rawValue), \(offset)]" }

  init(_ text: String, _ expected: Int64, format: TimestampFormat = .iso8601, offset: Int = 0) {
    self.text = text
    self.format = format
    self.offset = offset
    self.expected = expected
  }
}

/// A timestamp that must be refused, and how.
struct BadTimestampCase: Sendable, CustomTestStringConvertible {
  enum Kind: Sendable { case malformed, invalid, outOfRange }
  let text: String
  let format: TimestampFormat
  let kind: Kind
  var testDescription: String { "\(text) [\(format.rawValue)]" }

  init(_ text: String, _ kind: Kind, format: TimestampFormat = .iso8601) {
    self.text = text
    self.format = format
    self.kind = kind
  }
}

@Suite("Timestamp parser")
struct TimestampParserTests {
  static let valid: [TimestampCase] = [
    TimestampCase("2013-10-07T08:00:00Z", seconds(1_381_132_800)),
    TimestampCase("2014-05-08T05:00:17.007Z", millis(1_399_525_217_007)),
    TimestampCase("2013-01-01 22:00:00.295000+00:00", millis(1_357_077_600_295)),
    TimestampCase("2021-12-31 23:01:00.000000", seconds(1_640_991_660)),
    TimestampCase("2012-02-01 00:00:00+00:00", seconds(1_328_054_400)),
    TimestampCase("2024-01-01 23:01", seconds(1_704_150_060)),
    TimestampCase("1998-01-02", seconds(883_699_200)),
    TimestampCase("1970-01-01T00:00:00Z", 0),
    TimestampCase("1969-12-31T23:59:59.5Z", -500_000_000),
    TimestampCase("2020-01-01T00:00:00.123456789Z", 1_577_836_800_123_456_789),
    TimestampCase("2020-01-01t00:00:00.1z", 1_577_836_800_100_000_000),
    TimestampCase("2020-02-29T12:00:00Z", seconds(1_582_977_600)),
    TimestampCase("2000-02-29", seconds(951_782_400)),
    TimestampCase("2020-01-01 17:00:00-05:00", seconds(1_577_916_000)),
    TimestampCase("2020-01-01T12:00:00+05:30", seconds(1_577_860_200)),
    TimestampCase("2020-01-01T12:00:00+0530", seconds(1_577_860_200)),
    TimestampCase("2020-01-01T12:00:00+05", seconds(1_577_862_000)),
    // A zone-less time in a source at UTC+1; an explicit zone wins over the source's offset.
    TimestampCase("2006-01-02 09:01:00", seconds(1_136_188_860), offset: 3600),
    TimestampCase("2013-10-07T08:00:00Z", seconds(1_381_132_800), offset: -18_000),
    TimestampCase(
      "20200101 170000065", millis(1_577_916_000_065), format: .histData, offset: -18_000),
    TimestampCase("20200101 170000", seconds(1_577_916_000), format: .histData, offset: -18_000),
    TimestampCase("1582329601096000", micros(1_582_329_601_096_000), format: .epochMicroseconds),
    TimestampCase("1582329601096", millis(1_582_329_601_096), format: .epochMilliseconds),
    TimestampCase("1582329601", seconds(1_582_329_601), format: .epochSeconds),
    TimestampCase("1582329601096000123", 1_582_329_601_096_000_123, format: .epochNanoseconds),
    TimestampCase("-86400", seconds(-86_400), format: .epochSeconds, offset: 3600),
    TimestampCase("2262-04-11T23:47:16Z", seconds(9_223_372_036)),
  ]

  static let invalid: [BadTimestampCase] = [
    BadTimestampCase("2021-13-01", .invalid),
    BadTimestampCase("2021-00-10", .invalid),
    BadTimestampCase("2021-01-00", .invalid),
    BadTimestampCase("2021-02-29", .invalid),
    BadTimestampCase("2021-02-30T00:00:00Z", .invalid),
    BadTimestampCase("1900-02-29", .invalid),
    BadTimestampCase("2021-04-31 10:00:00", .invalid),
    BadTimestampCase("2021-01-01T25:00:00Z", .invalid),
    BadTimestampCase("2021-01-01T24:00:00Z", .invalid),
    BadTimestampCase("2021-01-01T23:60:00Z", .invalid),
    BadTimestampCase("2021-01-01T23:59:60Z", .invalid),
    BadTimestampCase("2021-01-01T10:00:00+24:00", .invalid),
    BadTimestampCase("20200230 120000", .invalid, format: .histData),
    BadTimestampCase("20200101 250000000", .invalid, format: .histData),
    BadTimestampCase("2021/01/01", .malformed),
    BadTimestampCase("2021-1-01", .malformed),
    BadTimestampCase("2021-01-01X10:00:00", .malformed),
    BadTimestampCase("2021-01-01T10", .malformed),
    BadTimestampCase("2021-01-01T10:00:00.Z", .malformed),
    BadTimestampCase("2021-01-01T10:00:00.1234567891Z", .malformed),
    BadTimestampCase("2021-01-01T10:00:00+5", .malformed),
    BadTimestampCase("2021-01-01T10:00:00Zjunk", .malformed),
    BadTimestampCase("2021-01-01T10:00:00 ", .malformed),
    BadTimestampCase("", .malformed),
    BadTimestampCase("yesterday", .malformed),
    BadTimestampCase("2020-01-01 170000", .malformed, format: .histData),
    BadTimestampCase("20200101T170000", .malformed, format: .histData),
    BadTimestampCase("15823296010960x0", .malformed, format: .epochMicroseconds),
    BadTimestampCase("-", .malformed, format: .epochSeconds),
    BadTimestampCase("2262-04-11T23:47:17Z", .outOfRange),
    BadTimestampCase("1600-01-01", .outOfRange),
    BadTimestampCase("99999999999999999999", .outOfRange, format: .epochSeconds),
    BadTimestampCase("9223372036855", .outOfRange, format: .epochSeconds),
  ]

  @Test(arguments: valid)
  func parses(_ example: TimestampCase) {
    let result = TimestampParser.parse(
      example.text, format: example.format, utcOffsetSeconds: example.offset)
    #expect(result == .success(example.expected))
  }

  @Test(arguments: invalid)
  func refuses(_ example: BadTimestampCase) {
    let result = TimestampParser.parse(example.text, format: example.format)
    switch (result, example.kind) {
    case (.failure(.malformed), .malformed), (.failure(.invalid), .invalid),
      (.failure(.outOfRange), .outOfRange):
      break
    default:
      Issue.record("\(example.text): expected \(example.kind), got \(result)")
    }
  }

  @Test func invalidDatesSayWhy() {
    #expect(TimestampParser.parse("2021-13-01") == .failure(.invalid("month 13 does not exist")))
    #expect(
      TimestampParser.parse("2021-02-30")
        == .failure(.invalid("day 30 does not exist in 2021-02 (28 days)")))
    #expect(
      TimestampParser.parse("2021-01-01T25:00:00Z") == .failure(.invalid("hour 25 does not exist")))
  }

  @Test func separateDateAndTimeColumns() {
    #expect(
      TimestampParser.parse(date: "2006-01-02", time: "09:01:00")
        == .success(seconds(1_136_192_460)))
    #expect(
      TimestampParser.parse(date: "2006-01-02", time: "09:01:00.25", utcOffsetSeconds: 3600)
        == .success(seconds(1_136_188_860) + 250_000_000))
    #expect(
      TimestampParser.parse(date: "2006-02-30", time: "09:01:00")
        == .failure(.invalid("day 30 does not exist in 2006-02 (28 days)")))
    #expect(
      TimestampParser.parse(date: "2006-01-02", time: "9:01")
        == .failure(.malformed(expected: "HH:MM[:SS[.fffffffff]]")))
  }

  @Test func everyDayOfFourCenturiesRoundTrips() {
    // Day by day from 1800-01-01 to 2199-12-31: the parser and the formatter agree, and
    // consecutive dates are exactly one day apart (so every month length and leap rule is right).
    var previous: Int64?
    var days = 0
    for year in 1800...2199 {
      for month in 1...12 {
        for day in 1...31 {
          let text = String(format: "%04d-%02d-%02d", year, month, day)
          guard case .success(let instant) = TimestampParser.parse(text) else { continue }
          if let previous, instant - previous != seconds(86_400) {
            Issue.record("\(text) is not one day after the date before it")
          }
          if TimestampText.iso8601(instant) != text + "T00:00:00Z" {
            Issue.record("\(text) formats as \(TimestampText.iso8601(instant))")
          }
          previous = instant
          days += 1
        }
      }
    }
    #expect(days == 146_097)  // 400 Gregorian years
  }

  @Test func textFormatting() {
    #expect(TimestampText.iso8601(seconds(1_381_132_800)) == "2013-10-07T08:00:00Z")
    #expect(TimestampText.iso8601(millis(1_399_525_217_007)) == "2014-05-08T05:00:17.007Z")
    #expect(TimestampText.iso8601(micros(1_582_329_601_096_001)) == "2020-02-22T00:00:01.096001Z")
    #expect(TimestampText.iso8601(1) == "1970-01-01T00:00:00.000000001Z")
    #expect(TimestampText.iso8601(-500_000_000) == "1969-12-31T23:59:59.500Z")
  }
}
