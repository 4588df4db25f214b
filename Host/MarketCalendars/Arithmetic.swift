/// Integer helpers for times before the epoch.
enum Arithmetic {
  /// Nanoseconds per second.
  static let nanosecondsPerSecond: Int64 = 1_000_000_000
  /// Seconds per day.
  static let secondsPerDay: Int64 = 86_400

  /// `a / b` rounded towards minus infinity (`b > 0`).
  @inline(__always)
  static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
    let quotient = a / b
    return (a % b != 0 && a < 0) ? quotient - 1 : quotient
  }

  /// `a mod b` in `0..<b` (`b > 0`).
  @inline(__always)
  static func floorModulo(_ a: Int64, _ b: Int64) -> Int64 {
    let remainder = a % b
    return remainder < 0 ? remainder + b : remainder
  }

  /// `seconds` in nanoseconds, clamped to the `Int64` range instead of overflowing.
  static func nanoseconds(seconds: Int64) -> Int64 {
    let (product, overflow) = seconds.multipliedReportingOverflow(by: nanosecondsPerSecond)
    if overflow { return seconds < 0 ? .min : .max }
    return product
  }

  /// The weekday of a day number, Monday = 0 ... Sunday = 6 (1970-01-01 was a Thursday).
  static func weekday(ofDay day: Int64) -> Int {
    Int(floorModulo(day + 3, 7))
  }
}
