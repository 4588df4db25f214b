/// Injected time for the health tests: ns since the Unix epoch, never a real clock.
enum TestTime {
  /// One millisecond, ns.
  static let millisecond: Int64 = 1_000_000
  /// One second, ns.
  static let second: Int64 = 1_000_000_000
  /// One minute, ns.
  static let minute: Int64 = 60 * second
  /// 2023-11-14T22:13:20Z, a whole second (so whole-second buckets start on it).
  static let start: Int64 = 1_700_000_000 * second
}
