import TradingModel

/// Formats nanosecond timestamps as ISO-8601 UTC text (`2013-10-07T08:00:01Z`,
/// `2014-05-08T05:00:17.007Z`) for error messages, logs and reports. Pure; any thread.
public enum TimestampText {
  /// `YYYY-MM-DDTHH:MM:SS[.fff[fff[fff]]]Z`: the fraction is shown in groups of three digits,
  /// only as far as it is non-zero.
  public static func iso8601(_ nanoseconds: Int64) -> String {
    let (secondsTotal, fraction) = floorDivide(nanoseconds, 1_000_000_000)
    let (days, secondOfDay) = floorDivide(secondsTotal, 86_400)
    let date = CivilCalendar.civil(days: days)
    var text =
      "\(pad(date.year, 4))-\(pad(date.month, 2))-\(pad(date.day, 2))T"
      + "\(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2))"
    if fraction != 0 {
      var digits = pad(fraction, 9)
      while digits.hasSuffix("000") { digits.removeLast(3) }
      text += "." + digits
    }
    return text + "Z"
  }

  private static func floorDivide(_ value: Int64, _ divisor: Int64) -> (Int64, Int64) {
    let (quotient, remainder) = value.quotientAndRemainder(dividingBy: divisor)
    return remainder < 0 ? (quotient - 1, remainder + divisor) : (quotient, remainder)
  }

  private static func pad(_ value: Int64, _ width: Int) -> String {
    let digits = String(value)
    return digits.count >= width
      ? digits : String(repeating: "0", count: width - digits.count) + digits
  }
}
