/// The individual timestamp forms of `TimestampFormat`.
extension TimestampParser {
  /// `YYYY-MM-DD[(T| )HH:MM[:SS[.f]]][Z|+HH:MM|+HHMM|+HH]`.
  static func parseISO(_ field: UnsafeBufferPointer<UInt8>, utcOffsetSeconds: Int64) -> Result<
    Int64, TimestampError
  > {
    let expected = TimestampFormat.iso8601.expectedForm
    guard field.count >= 10 else { return .failure(.malformed(expected: expected)) }
    let days: Int64
    switch calendarDate(field, dashed: true, expected: expected) {
    case .success(let value): days = value
    case .failure(let error): return .failure(error)
    }
    if field.count == 10 {
      return instant(days: days, seconds: 0, nanos: 0, offset: utcOffsetSeconds)
    }
    let separator = field[10]
    guard
      separator == UInt8(ascii: "T") || separator == UInt8(ascii: " ")
        || separator == UInt8(ascii: "t")
    else { return .failure(.malformed(expected: expected)) }
    let clock: Clock
    switch timeOfDay(field, from: 11, expected: expected) {
    case .success(let value): clock = value
    case .failure(let error): return .failure(error)
    }
    switch zone(field, from: clock.end, expected: expected) {
    case .failure(let error): return .failure(error)
    case .success(let offset):
      return instant(
        days: days, seconds: clock.seconds, nanos: clock.nanos, offset: offset ?? utcOffsetSeconds)
    }
  }

  /// HistData's `YYYYMMDD HHMMSS` or `YYYYMMDD HHMMSSmmm`.
  static func parseHistData(_ field: UnsafeBufferPointer<UInt8>, utcOffsetSeconds: Int64)
    -> Result<Int64, TimestampError>
  {
    let expected = TimestampFormat.histData.expectedForm
    guard field.count == 15 || field.count == 18, field[8] == UInt8(ascii: " "),
      let hour = digits(field, 9, 2), let minute = digits(field, 11, 2),
      let second = digits(field, 13, 2)
    else { return .failure(.malformed(expected: expected)) }
    var millis: Int64 = 0
    if field.count == 18 {
      guard let value = digits(field, 15, 3) else {
        return .failure(.malformed(expected: expected))
      }
      millis = value
    }
    let days: Int64
    switch calendarDate(field, dashed: false, expected: expected) {
    case .success(let value): days = value
    case .failure(let error): return .failure(error)
    }
    if hour > 23 { return .failure(.invalid("hour \(hour) does not exist")) }
    if minute > 59 { return .failure(.invalid("minute \(minute) does not exist")) }
    if second > 59 {
      return .failure(.invalid("second \(second) does not exist (leap seconds are not supported)"))
    }
    return instant(
      days: days, seconds: hour * 3600 + minute * 60 + second, nanos: millis * 1_000_000,
      offset: utcOffsetSeconds)
  }

  /// An optionally negative integer count of `unit` nanoseconds since the epoch.
  static func parseEpoch(_ field: UnsafeBufferPointer<UInt8>, unit: Int64, format: TimestampFormat)
    -> Result<Int64, TimestampError>
  {
    var index = 0
    let negative = field.count > 0 && field[0] == UInt8(ascii: "-")
    if negative { index = 1 }
    guard index < field.count else { return .failure(.malformed(expected: format.expectedForm)) }
    var value: Int64 = 0
    while index < field.count {
      let digit = field[index] &- UInt8(ascii: "0")
      guard digit <= 9 else { return .failure(.malformed(expected: format.expectedForm)) }
      let (shifted, overflow1) = value.multipliedReportingOverflow(by: 10)
      let (sum, overflow2) = shifted.addingReportingOverflow(Int64(digit))
      if overflow1 || overflow2 { return .failure(.outOfRange) }
      value = sum
      index += 1
    }
    let (scaled, overflow) = value.multipliedReportingOverflow(by: unit)
    if overflow { return .failure(.outOfRange) }
    return .success(negative ? -scaled : scaled)
  }
}
