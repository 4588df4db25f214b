extension CircuitBreaker {
  /// When a `CircuitBreaker` trips, how long it stays open and what closes it. Plain data;
  /// `validate()` (and `CircuitBreaker.init`) reports every problem at once.
  public struct Policy: Equatable, Sendable {
    /// The sliding window the trip ratio is measured over, ns (at least 1).
    public var windowNanos: Int64
    /// The window's buckets (its resolution: a sample counts for `windowNanos - windowNanos /
    /// windowBuckets` to `windowNanos`). `windowNanos` must be a whole number of them.
    public var windowBuckets: Int
    /// Samples the window must hold before the breaker may trip (at least 1).
    public var minimumSamples: Int
    /// Trips when `bad / total >= tripRatio` over the window; in `(0, 1]`.
    public var tripRatio: Double
    /// How long the breaker stays open after tripping from closed, ns (at least 1).
    public var cooldownNanos: Int64
    /// Consecutive good samples in half-open that close the breaker (at least 1).
    public var probeSuccesses: Int
    /// The cap of the cooldown, which doubles on each re-open from half-open, ns
    /// (at least `cooldownNanos`; equal to it to never double).
    public var maxCooldownNanos: Int64

    public init(
      windowNanos: Int64, windowBuckets: Int, minimumSamples: Int, tripRatio: Double,
      cooldownNanos: Int64, probeSuccesses: Int, maxCooldownNanos: Int64
    ) {
      self.windowNanos = windowNanos
      self.windowBuckets = windowBuckets
      self.minimumSamples = minimumSamples
      self.tripRatio = tripRatio
      self.cooldownNanos = cooldownNanos
      self.probeSuccesses = probeSuccesses
      self.maxCooldownNanos = maxCooldownNanos
    }

    /// Every problem of the policy, in field order; empty when it is valid.
    public var problems: [HealthConfigurationError.Problem] {
      var problems = SlidingWindowCounter.problems(
        windowNanos: windowNanos, buckets: windowBuckets, windowField: "windowNanos",
        bucketsField: "windowBuckets")
      if minimumSamples < 1 {
        problems.append(
          .belowMinimum(field: "minimumSamples", value: Int64(minimumSamples), minimum: 1))
      }
      if !(tripRatio > 0 && tripRatio <= 1) {
        problems.append(.ratioOutOfRange(field: "tripRatio", value: tripRatio))
      }
      if cooldownNanos < 1 {
        problems.append(.belowMinimum(field: "cooldownNanos", value: cooldownNanos, minimum: 1))
      }
      if probeSuccesses < 1 {
        problems.append(
          .belowMinimum(field: "probeSuccesses", value: Int64(probeSuccesses), minimum: 1))
      }
      if cooldownNanos >= 1, maxCooldownNanos < cooldownNanos {
        problems.append(
          .maxCooldownBelowCooldown(
            cooldownNanos: cooldownNanos, maxCooldownNanos: maxCooldownNanos))
      }
      return problems
    }

    /// Throws every problem at once, if any.
    public func validate() throws(HealthConfigurationError) {
      let problems = self.problems
      guard problems.isEmpty else { throw HealthConfigurationError(problems: problems) }
    }
  }
}
