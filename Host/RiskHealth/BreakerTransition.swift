/// One change of a `CircuitBreaker`'s state and the numbers that decided it, for the audit log.
/// A plain value, usable from any thread; building it allocates nothing.
///
/// What `badSamples` and `totalSamples` count, by transition:
/// - `closed -> open`: the bad and all samples in the window when the ratio was reached.
/// - `open -> halfOpen`: the bad and all samples still in the window (the cooldown decided it).
/// - `halfOpen -> closed`: the probes of this half-open period (`0` bad, `probeSuccesses` good).
/// - `halfOpen -> open`: the probes of this half-open period, the last (bad) one included.
public struct BreakerTransition: Equatable, Sendable, CustomStringConvertible {
  /// The state before.
  public var from: BreakerState
  /// The state after.
  public var to: BreakerState
  /// When it happened, ns since the Unix epoch (the time of the call that made it).
  public var at: Int64
  /// Bad samples that decided it (see the type's documentation).
  public var badSamples: Int64
  /// All samples that decided it (see the type's documentation).
  public var totalSamples: Int64
  /// The cooldown in force after the change: how long the breaker stays open when `to` is
  /// `open`, the one that elapsed for `open -> halfOpen`, the base one after closing.
  public var cooldownNanos: Int64

  public init(
    from: BreakerState, to: BreakerState, at: Int64, badSamples: Int64, totalSamples: Int64,
    cooldownNanos: Int64
  ) {
    self.from = from
    self.to = to
    self.at = at
    self.badSamples = badSamples
    self.totalSamples = totalSamples
    self.cooldownNanos = cooldownNanos
  }

  /// One sentence for logs (allocates: not for the hot path).
  public var description: String {
    "breaker \(from) -> \(to) at \(at) ns: \(badSamples) bad of \(totalSamples) samples, "
      + "cooldown \(cooldownNanos) ns"
  }
}
