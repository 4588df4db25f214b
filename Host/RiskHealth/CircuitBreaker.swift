/// A health breaker with hysteresis: it trips on the ratio of bad samples over a sliding window,
/// stays open for a cooldown, then lets probes through and closes only after `probeSuccesses`
/// consecutive good ones. Fed `good: latency <= bound` it is a latency breaker
/// (`record(latencyNanos:bound:at:)`).
///
/// The cycle (`Policy` holds the numbers):
/// - `closed`: each sample counts in the window; when the window holds at least `minimumSamples`
///   and `bad / total >= tripRatio`, it opens with the base cooldown.
/// - `open`: samples are ignored. Once `currentCooldownNanos` has passed, `poll(at:)`
///   or `state(at:)` moves it to `halfOpen`; `record` never does, so call `poll` first on each
///   event, as the risk wrapper does, and log what it returns.
/// - `halfOpen`: `probeSuccesses` consecutive good samples close it, clear the window and reset
///   the cooldown to the base; one bad sample re-opens it and doubles the cooldown, up to
///   `maxCooldownNanos`.
///
/// Why it does not flap: after closing it starts from an empty window, so it needs
/// `minimumSamples` fresh samples before it can trip again, and a half-open breaker never closes
/// on a ratio, only on an unbroken run of good probes, while every failed probe doubles the wait.
///
/// Time: `now` is ns since the Unix epoch, passed in by the caller; a `now` earlier than the
/// latest one seen counts as that latest one.
///
/// Contract: a value type for one owner on one thread (the kernel thread; not shared). Its windows
/// are allocated in `init`; every mutating method is O(1) amortised and never allocates or blocks.
public struct CircuitBreaker: Sendable {
  /// The validated policy.
  public let policy: Policy
  /// Bad samples in the window.
  private var bad: SlidingWindowCounter
  /// All samples in the window.
  private var total: SlidingWindowCounter
  /// The state as of the latest call.
  private var current: BreakerState
  /// When the breaker last opened.
  private var openedAt: Int64
  /// When the latest bad sample was recorded (`Int64.min`: none since the window was cleared):
  /// with no bad sample in the window the ratio is 0, below any trip ratio, and a good sample
  /// needs no window sums.
  private var lastBadAt = Int64.min
  /// The cooldown of the current (or next) open period, ns: `policy.cooldownNanos`, doubled on
  /// each re-open from half-open up to `policy.maxCooldownNanos`.
  public private(set) var currentCooldownNanos: Int64
  /// Consecutive good probes in the current half-open period (0 outside half-open).
  public private(set) var probeSuccessCount: Int
  /// The latest time seen (`Int64.min` before the first call).
  private var lastSeen: Int64

  /// A closed breaker with an empty window. Throws every problem of `policy` at once.
  public init(policy: Policy) throws(HealthConfigurationError) {
    try policy.validate()
    self.policy = policy
    // Two separate rings (a copy would share one buffer and copy it on the first write).
    self.bad = try SlidingWindowCounter(
      windowNanos: policy.windowNanos, buckets: policy.windowBuckets)
    self.total = try SlidingWindowCounter(
      windowNanos: policy.windowNanos, buckets: policy.windowBuckets)
    self.current = .closed
    self.openedAt = 0
    self.currentCooldownNanos = policy.cooldownNanos
    self.probeSuccessCount = 0
    self.lastSeen = .min
  }

  /// Records one sample at `now` and returns the transition it caused, if any. Ignored (`nil`)
  /// while open, including after the cooldown until `poll(at:)` or `state(at:)` moved the breaker
  /// to half-open. Allocation-free, O(1) amortised.
  public mutating func record(good: Bool, at now: Int64) -> BreakerTransition? {
    record(goodCount: good ? 1 : 0, badCount: good ? 0 : 1, at: now)
  }

  /// Records `goodCount` good and `badCount` bad samples taken at `now` at once (a caller that
  /// aggregates samples within one bucket of the window), as that many `record(good:at:)` calls
  /// with the bad ones last would: closed, the ratio is checked once after all; half-open, any
  /// bad sample re-opens it, else the good ones count as probes. Allocation-free.
  public mutating func record(goodCount: Int, badCount: Int, at now: Int64) -> BreakerTransition? {
    guard goodCount > 0 || badCount > 0 else { return nil }
    let time = observe(now)
    switch current {
    case .open:
      return nil
    case .closed:
      total.add(Int64(goodCount + badCount), at: time)
      if badCount > 0 {
        bad.add(Int64(badCount), at: time)
        lastBadAt = time
      } else if lastBadAt == .min || time.nanosSince(lastBadAt) >= policy.windowNanos {
        return nil
      }
      let badSamples = bad.total(at: time)
      let totalSamples = total.total(at: time)
      guard totalSamples >= Int64(policy.minimumSamples),
        Double(badSamples) / Double(totalSamples) >= policy.tripRatio
      else { return nil }
      return open(from: .closed, at: time, badSamples: badSamples, totalSamples: totalSamples)
    case .halfOpen:
      guard badCount == 0 else {
        let probes = Int64(probeSuccessCount + min(goodCount, policy.probeSuccesses)) + 1
        let cap = policy.maxCooldownNanos
        currentCooldownNanos =
          currentCooldownNanos > cap / 2 ? cap : currentCooldownNanos * 2
        return open(from: .halfOpen, at: time, badSamples: 1, totalSamples: probes)
      }
      probeSuccessCount += goodCount
      guard probeSuccessCount >= policy.probeSuccesses else { return nil }
      let probes = Int64(policy.probeSuccesses)
      current = .closed
      probeSuccessCount = 0
      currentCooldownNanos = policy.cooldownNanos
      bad.reset()
      total.reset()
      lastBadAt = .min
      return BreakerTransition(
        from: .halfOpen, to: .closed, at: time, badSamples: 0, totalSamples: probes,
        cooldownNanos: currentCooldownNanos)
    }
  }

  /// Records a latency sample: good when `latencyNanos <= bound`. As `record(good:at:)`.
  public mutating func record(latencyNanos: Int64, bound: Int64, at now: Int64)
    -> BreakerTransition?
  {
    record(good: latencyNanos <= bound, at: now)
  }

  /// Moves an open breaker whose cooldown has passed at `now` to half-open and returns that
  /// transition; `nil` when nothing changed. Allocation-free, O(1) amortised.
  public mutating func poll(at now: Int64) -> BreakerTransition? {
    let time = observe(now)
    guard current == .open, time.nanosSince(openedAt) >= currentCooldownNanos else { return nil }
    current = .halfOpen
    probeSuccessCount = 0
    return BreakerTransition(
      from: .open, to: .halfOpen, at: time, badSamples: bad.total(at: time),
      totalSamples: total.total(at: time), cooldownNanos: currentCooldownNanos)
  }

  /// The state at `now`, after `poll(at: now)` (whose transition this drops: a caller that
  /// audits transitions calls `poll` itself). Allocation-free, O(1) amortised.
  public mutating func state(at now: Int64) -> BreakerState {
    _ = poll(at: now)
    return current
  }

  /// Bad samples in the window at `now` (status displays). Allocation-free.
  public mutating func badCount(at now: Int64) -> Int64 { bad.total(at: observe(now)) }

  /// All samples in the window at `now` (status displays). Allocation-free.
  public mutating func totalCount(at now: Int64) -> Int64 { total.total(at: observe(now)) }

  /// When an open breaker may move to half-open; `nil` unless open. Status displays.
  public var cooldownEndsAt: Int64? {
    current == .open ? openedAt.addingNanos(currentCooldownNanos) : nil
  }

  private mutating func observe(_ now: Int64) -> Int64 {
    lastSeen = Swift.max(now, lastSeen)
    return lastSeen
  }

  private mutating func open(
    from: BreakerState, at time: Int64, badSamples: Int64, totalSamples: Int64
  ) -> BreakerTransition {
    current = .open
    openedAt = time
    probeSuccessCount = 0
    return BreakerTransition(
      from: from, to: .open, at: time, badSamples: badSamples, totalSamples: totalSamples,
      cooldownNanos: currentCooldownNanos)
  }

  /// The windows' footprints, to show in tests that steady-state calls never reallocate.
  var storageFootprints: [StorageFootprint] { [bad.storageFootprint, total.storageFootprint] }
}
