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

/// SplitMix64 (Steele, Lea, Flood 2014), for seeded test data that replays the same everywhere.
struct SeededNumbers {
  private var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9e37_79b9_7f4a_7c15
    var z = state
    z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
    z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
    return z ^ (z >> 31)
  }

  /// Uniform in (0, 1).
  mutating func unit() -> Double {
    (Double(next() >> 11) + 0.5) / 9_007_199_254_740_992.0
  }
}
