import SlotAnalytics

/// Shared builders for the SlotAnalytics tests (the module has no dependencies, so neither do
/// its tests).
enum AnalyticsFixture {
  /// One day, ns.
  static let day: Int64 = 86_400_000_000_000
  /// 2024-01-01T00:00:00Z, ns since the Unix epoch.
  static let start: Int64 = 1_704_067_200_000_000_000

  /// A daily tracker starting at `start` with `startEquity` that observes `equities[i]` at the
  /// end of day `i` (the period's closing boundary), then once just after the last boundary at
  /// the same equity, so every given day is a closed period.
  static func daily(
    _ equities: [Double], startEquity: Double = 100, startTime: Int64 = start
  ) throws -> PerformanceTracker {
    var tracker = try PerformanceTracker(
      intervalNanoseconds: day, startTime: startTime, startEquity: startEquity)
    for (i, equity) in equities.enumerated() {
      tracker.observe(time: startTime + Int64(i + 1) * day, equity: equity)
    }
    tracker.observe(
      time: startTime + Int64(equities.count) * day + 1, equity: equities.last ?? startEquity)
    return tracker
  }

  /// The equity path that compounds `returns` from `startEquity`.
  static func path(_ returns: [Double], startEquity: Double = 100) -> [Double] {
    var equity = startEquity
    return returns.map {
      equity *= 1 + $0
      return equity
    }
  }
}
