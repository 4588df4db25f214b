import TradingModel

/// A proleptic Gregorian calendar date, and the day arithmetic the calendars need, without
/// Foundation (H. Hinnant's `days_from_civil` / `civil_from_days`). Pure; any thread.
struct CivilDate: Hashable, Sendable, CustomStringConvertible {
  let year: Int64
  let month: Int64
  let day: Int64

  /// Years a calendar file may name: every such date's instants fit in `Int64` nanoseconds.
  static let years: ClosedRange<Int64> = 1900...2199

  /// The date `YYYY-MM-DD` (exactly that form), or nil if it is not one, or if the day does not
  /// exist, or if the year is outside `years`.
  init?(_ text: Substring) {
    let digits = Array(text.utf8)
    guard digits.count == 10, digits[4] == UInt8(ascii: "-"), digits[7] == UInt8(ascii: "-"),
      let year = Self.number(digits[0..<4]), let month = Self.number(digits[5..<7]),
      let day = Self.number(digits[8..<10])
    else { return nil }
    guard Self.years.contains(year), (1...12).contains(month),
      (1...Self.daysInMonth(year: year, month: month)).contains(day)
    else { return nil }
    self.init(year: year, month: month, day: day)
  }

  init(year: Int64, month: Int64, day: Int64) {
    self.year = year
    self.month = month
    self.day = day
  }

  /// The date of a day number (days since 1970-01-01).
  init(dayNumber: Int64) {
    let date = CivilCalendar.civil(days: dayNumber)
    self.init(year: date.year, month: date.month, day: date.day)
  }

  /// Days since 1970-01-01 (negative before).
  var dayNumber: Int64 { CivilCalendar.days(year: year, month: month, day: day) }

  /// `YYYY-MM-DD`.
  var description: String {
    func pad(_ value: Int64, _ width: Int) -> String {
      let text = String(value)
      return String(repeating: "0", count: max(0, width - text.count)) + text
    }
    return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
  }

  static func daysInMonth(year: Int64, month: Int64) -> Int64 {
    CivilCalendar.daysIn(month: month, year: year)
  }

  /// The decimal value of ASCII digits, or nil if any byte is not a digit.
  static func number(_ digits: ArraySlice<UInt8>) -> Int64? {
    var value: Int64 = 0
    for byte in digits {
      guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
      value = value * 10 + Int64(byte - UInt8(ascii: "0"))
    }
    return digits.isEmpty ? nil : value
  }
}
