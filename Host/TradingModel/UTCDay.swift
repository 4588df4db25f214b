/// Calendar days in UTC, for DAY orders and daily statistics.
public enum UTCDay {
  /// Nanoseconds in a day.
  public static let nanoseconds: Int64 = 86_400_000_000_000

  /// The day number (days since 1970-01-01, UTC) of a timestamp in ns; floors for times before
  /// the epoch. Pure; any thread.
  @inlinable
  public static func of(_ timestamp: Int64) -> Int64 {
    timestamp >= 0 ? timestamp / nanoseconds : (timestamp - nanoseconds + 1) / nanoseconds
  }
}
