import RiskHealth

extension CircuitBreaker.Policy {
  /// A strategy's health: opens when at least half of 20 or more events in a minute had a failed
  /// callback; 30 s
  /// cooldown (doubling up to 10 min), 10 good events in a row close it.
  public static let pluginErrors = CircuitBreaker.Policy(
    windowNanos: 60_000_000_000, windowBuckets: 60, minimumSamples: 20, tripRatio: 0.5,
    cooldownNanos: 30_000_000_000, probeSuccesses: 10, maxCooldownNanos: 600_000_000_000)
  /// A venue's answers: opens when 30% of at least 10 orders in a minute were rejected.
  public static let venueErrors = CircuitBreaker.Policy(
    windowNanos: 60_000_000_000, windowBuckets: 60, minimumSamples: 10, tripRatio: 0.3,
    cooldownNanos: 30_000_000_000, probeSuccesses: 5, maxCooldownNanos: 600_000_000_000)
  /// A venue's latency: opens when half of at least 10 answers in a minute were slower than the
  /// bound.
  public static let venueLatency = CircuitBreaker.Policy(
    windowNanos: 60_000_000_000, windowBuckets: 60, minimumSamples: 10, tripRatio: 0.5,
    cooldownNanos: 30_000_000_000, probeSuccesses: 5, maxCooldownNanos: 600_000_000_000)
}
