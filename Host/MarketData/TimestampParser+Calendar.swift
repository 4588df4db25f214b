import TradingModel

/// The calendar pieces shared by the timestamp forms: a date, a time of day, a zone suffix.
extension TimestampParser {
  /// A parsed `HH:MM[:SS[.f]]`: seconds of the day, the fraction in nanoseconds, and the index
  /// just past it.
  struct Clock {
    var seconds: Int64
    var nanos: Int64
    var end: Int
  }

  /// Days since 1970 of the date at the start of `field`: `YYYY-MM-DD` when `dashed`, else
  /// `YYYYMMDD`. The caller guarantees the field is long enough.
  @inline(__always)
  static func calendarDate(_ field: UnsafeBufferPointer<UInt8>, dashed: Bool, expected: String)
    -> Result<Int64, TimestampError>
  {
    let monthAt = dashed ? 5 : 4
    let dayAt = dashed ? 8 : 6
    guard let year = digits(field, 0, 4), let month = digits(field, monthAt, 2),
      let day = digits(field, dayAt, 2),
      !dashed || (field[4] == UInt8(ascii: "-") && field[7] == UInt8(ascii: "-"))
    else { return .failure(.malformed(expected: expected)) }
    if month < 1 || month > 12 || day < 1 || day > 28 {
      if let problem = CivilCalendar.problem(year: year, month: month, day: day) {
        return .failure(.invalid(problem))
      }
    }
    return .success(CivilCalendar.days(year: year, month: month, day: day))
  }

  /// `HH:MM[:SS[.f{1,9}]]` starting at `start`; stops at the first byte that cannot continue it.
  @inline(__always)
  static func timeOfDay(_ field: UnsafeBufferPointer<UInt8>, from start: Int, expected: String)
    -> Result<Clock, TimestampError>
  {
    let count = field.count
    guard start + 5 <= count, let hour = digits(field, start, 2),
      field[start + 2] == UInt8(ascii: ":"), let minute = digits(field, start + 3, 2)
    else { return .failure(.malformed(expected: expected)) }
    var index = start + 5
    var second: Int64 = 0
    var nanos: Int64 = 0
    if index < count && field[index] == UInt8(ascii: ":") {
      guard index + 3 <= count, let value = digits(field, index + 1, 2) else {
        return .failure(.malformed(expected: expected))
      }
      second = value
      index += 3
      if index < count && field[index] == UInt8(ascii: ".") {
        index += 1
        let fractionStart = index
        while index < count && field[index] &- UInt8(ascii: "0") <= 9 {
          guard index - fractionStart < 9 else { return .failure(.malformed(expected: expected)) }
          nanos = nanos * 10 + Int64(field[index] &- UInt8(ascii: "0"))
          index += 1
        }
        guard index > fractionStart else { return .failure(.malformed(expected: expected)) }
        nanos *= powerOfTen(9 - (index - fractionStart))
      }
    }
    if hour > 23 { return .failure(.invalid("hour \(hour) does not exist")) }
    if minute > 59 { return .failure(.invalid("minute \(minute) does not exist")) }
    if second > 59 {
      return .failure(.invalid("second \(second) does not exist (leap seconds are not supported)"))
    }
    return .success(Clock(seconds: hour * 3600 + minute * 60 + second, nanos: nanos, end: index))
  }

  /// A zone suffix at `start` running to the end of `field`: nothing (`nil`), `Z`, or
  /// `+HH:MM`, `+HHMM`, `+HH` (or `-`), as seconds east of UTC.
  @inline(__always)
  static func zone(_ field: UnsafeBufferPointer<UInt8>, from start: Int, expected: String)
    -> Result<Int64?, TimestampError>
  {
    let count = field.count
    if start == count { return .success(nil) }
    let sign = field[start]
    if sign == UInt8(ascii: "Z") || sign == UInt8(ascii: "z") {
      return start + 1 == count ? .success(0) : .failure(.malformed(expected: expected))
    }
    guard sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-"), start + 3 <= count,
      let hours = digits(field, start + 1, 2)
    else { return .failure(.malformed(expected: expected)) }
    var minutes: Int64 = 0
    switch count - start {
    case 3: break
    case 5:
      guard let value = digits(field, start + 3, 2) else {
        return .failure(.malformed(expected: expected))
      }
      minutes = value
    case 6:
      guard field[start + 3] == UInt8(ascii: ":"), let value = digits(field, start + 4, 2) else {
        return .failure(.malformed(expected: expected))
      }
      minutes = value
    default: return .failure(.malformed(expected: expected))
    }
    guard hours <= 23, minutes <= 59 else {
      return .failure(.invalid("zone offset \(hours):\(minutes) does not exist"))
    }
    let seconds = hours * 3600 + minutes * 60
    return .success(sign == UInt8(ascii: "-") ? -seconds : seconds)
  }
}
