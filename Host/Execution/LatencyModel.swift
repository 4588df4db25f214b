import TradingModel

/// How late an order reaches the simulated venue: the strategy saw the event `marketData` ns
/// after it happened and its order takes `entry` ns plus a seeded uniform jitter in
/// `0...jitter` ns to arrive. An order takes part in matching from the first event of its
/// instrument at or after its arrival, at that event's first price. All zero: no latency.
public struct LatencyModel: Hashable, Sendable {
  /// Order entry delay, ns.
  public var entry: Int64
  /// The most extra entry delay, ns, drawn uniformly per order from the run's seed.
  public var jitter: Int64
  /// Market-data delay, ns: added to every order's arrival.
  public var marketData: Int64

  public init(entry: Int64 = 0, jitter: Int64 = 0, marketData: Int64 = 0) {
    self.entry = entry
    self.jitter = jitter
    self.marketData = marketData
  }

  public static let none = LatencyModel()

  /// Whether every delay is zero.
  public var isZero: Bool { entry == 0 && jitter == 0 && marketData == 0 }

  /// The delay of one order, drawn from `random` (one draw per order when `jitter > 0`).
  @inline(__always)
  func delay(_ random: inout SplitMix64) -> Int64 {
    guard jitter > 0 else { return marketData + entry }
    return marketData + entry + Int64(random.next() % UInt64(jitter + 1))
  }
}
