/// Parses timestamp fields into `Int64` nanoseconds since the Unix epoch, UTC, by hand (no
/// `DateFormatter`, no allocation on success). Pure functions, callable from any thread.
///
/// Dates are checked (month 13, February 30 and hour 25 are errors, leap seconds are refused).
/// `utcOffsetSeconds` is the source's fixed zone, seconds east of UTC (EST is `-18000`): it
/// applies to timestamps that carry no zone of their own. A `Z` or `+HH:MM` in the text wins,
/// and epoch counts are absolute, so the offset never applies to them.
public enum TimestampParser {
  /// Parses `text` written in `format`.
  public static func parse(
    _ text: String, format: TimestampFormat = .iso8601, utcOffsetSeconds: Int = 0
  ) -> Result<Int64, TimestampError> {
    var text = text
    return text.withUTF8 { parse($0, format: format, utcOffsetSeconds: Int64(utcOffsetSeconds)) }
  }

  /// Parses a date column (`YYYY-MM-DD`) and a time column (`HH:MM[:SS[.f{1,9}]]`) together.
  public static func parse(date: String, time: String, utcOffsetSeconds: Int = 0) -> Result<
    Int64, TimestampError
  > {
    var date = date
    var time = time
    return date.withUTF8 { dateBytes in
      time.withUTF8 { timeBytes in
        parse(date: dateBytes, time: timeBytes, utcOffsetSeconds: Int64(utcOffsetSeconds))
      }
    }
  }

  /// The byte-level entry the CSV reader uses.
  static func parse(
    _ field: UnsafeBufferPointer<UInt8>, format: TimestampFormat, utcOffsetSeconds: Int64
  ) -> Result<Int64, TimestampError> {
    switch format {
    case .iso8601: parseISO(field, utcOffsetSeconds: utcOffsetSeconds)
    case .histData: parseHistData(field, utcOffsetSeconds: utcOffsetSeconds)
    case .epochSeconds, .epochMilliseconds, .epochMicroseconds, .epochNanoseconds:
      parseEpoch(field, unit: format.epochUnit ?? 1, format: format)
    }
  }

  /// The byte-level entry for separate date and time columns.
  static func parse(
    date: UnsafeBufferPointer<UInt8>, time: UnsafeBufferPointer<UInt8>, utcOffsetSeconds: Int64
  ) -> Result<Int64, TimestampError> {
    let days: Int64
    switch dateColumn(date) {
    case .success(let value): days = value
    case .failure(let error): return .failure(error)
    }
    switch timeColumn(time) {
    case .failure(let error): return .failure(error)
    case .success(let clock):
      return instant(
        days: days, seconds: clock.seconds, nanos: clock.nanos, offset: utcOffsetSeconds)
    }
  }

  /// Days since 1970 of a date column, `YYYY-MM-DD` and nothing else.
  static func dateColumn(_ field: UnsafeBufferPointer<UInt8>) -> Result<Int64, TimestampError> {
    let expected = "YYYY-MM-DD"
    guard field.count == 10 else { return .failure(.malformed(expected: expected)) }
    return calendarDate(field, dashed: true, expected: expected)
  }

  /// A time column, `HH:MM[:SS[.f{1,9}]]` and nothing else.
  static func timeColumn(_ field: UnsafeBufferPointer<UInt8>) -> Result<Clock, TimestampError> {
    let expected = "HH:MM[:SS[.fffffffff]]"
    switch timeOfDay(field, from: 0, expected: expected) {
    case .failure(let error): return .failure(error)
    case .success(let clock):
      return clock.end == field.count ? .success(clock) : .failure(.malformed(expected: expected))
    }
  }

  /// Combines a day count, seconds of the day and nanoseconds into UTC nanoseconds, checking
  /// for overflow; `offset` (seconds east of UTC) is subtracted.
  @inline(__always)
  static func instant(days: Int64, seconds: Int64, nanos: Int64, offset: Int64) -> Result<
    Int64, TimestampError
  > {
    let total = days * 86_400 + seconds - offset
    let (scaled, overflow1) = total.multipliedReportingOverflow(by: 1_000_000_000)
    let (sum, overflow2) = scaled.addingReportingOverflow(nanos)
    return overflow1 || overflow2 ? .failure(.outOfRange) : .success(sum)
  }

  /// The value of `count` ASCII digits at `start`, or `nil` if any is not a digit. The caller
  /// guarantees `start + count <= field.count`.
  @inline(__always)
  static func digits(_ field: UnsafeBufferPointer<UInt8>, _ start: Int, _ count: Int) -> Int64? {
    var value: Int64 = 0
    for index in start..<(start + count) {
      let digit = field[index] &- UInt8(ascii: "0")
      if digit > 9 { return nil }
      value = value * 10 + Int64(digit)
    }
    return value
  }
}
