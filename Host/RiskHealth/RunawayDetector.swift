/// The Knight Capital guard of one strategy slot: watches how fast the slot sends orders and
/// gets fills, and how often it repeats the very same order, and trips at once when any bound of
/// its `RunawayLimits` is exceeded, however reasonable each order looks on its own. The risk
/// wrapper keeps one per slot and denies the order that trips it (and may halt the slot).
///
/// Count first, then compare: every order (and fill) passed in is counted, the one that trips
/// included, and the bounds are checked after counting it. So the order that takes the window
/// to `limit + 1` trips, and while a slot keeps sending orders faster than the bound, each one
/// trips again (denied orders are still attempts). The detector does not latch: once the window
/// drains below the bound, orders pass again; halting the slot is the wrapper's decision.
///
/// Windows: order and fill counts are exact sliding minutes (`RateLimiter`: an event counts while
/// `now - t < 60 s`); notionals are sliding minutes of 60 one-second buckets
/// (`SlidingWindowCounter`: an amount counts for 59 to 60 s). Identical orders: a streak of
/// consecutive orders with equal `OrderSignature`s (any different order restarts it) trips when
/// the streak holds more than `maxIdenticalOrders` orders within `identicalWindowNanos`.
/// Notionals are counted by magnitude.
///
/// When one order exceeds several bounds, the trip reports the first of: order count, order
/// notional, identical orders (fills: fill count, fill notional); all of them counted it.
///
/// Time: `now` is ns since the Unix epoch, passed in by the caller; a `now` earlier than the
/// latest one seen counts as that latest one.
///
/// Contract: a value type for one owner on one thread (the kernel thread; not shared). Its rings
/// are allocated in `init`; `recordOrder` and `recordFill` are O(1) amortised and never allocate
/// or block.
public struct RunawayDetector: Sendable {
  /// The validated limits.
  public let limits: RunawayLimits
  /// Order times (`nil` when the bound is off).
  private var orders: RateLimiter?
  /// Order notional per minute (`nil` when the bound is off).
  private var orderNotional: SlidingWindowCounter?
  /// Fill times (`nil` when the bound is off).
  private var fills: RateLimiter?
  /// Fill notional per minute (`nil` when the bound is off).
  private var fillNotional: SlidingWindowCounter?
  /// The times of the current streak of identical orders (`nil` when the bound is off).
  private var identical: RateLimiter?
  /// The signature of the latest order.
  private var lastSignature: OrderSignature?
  /// The latest time seen (`Int64.min` before the first call).
  private var lastSeen: Int64

  /// A detector with empty windows. Throws every problem of `limits` at once.
  public init(limits: RunawayLimits = .standard) throws(HealthConfigurationError) {
    try limits.validate()
    self.limits = limits
    let minute = RunawayLimits.minuteNanos
    self.orders = try limits.maxOrdersPerMinute.map { count throws(HealthConfigurationError) in
      try RateLimiter(maxEvents: count, windowNanos: minute)
    }
    self.orderNotional = try limits.maxOrderNotionalPerMinute.map {
      _ throws(HealthConfigurationError) in
      try SlidingWindowCounter(windowNanos: minute, buckets: 60)
    }
    self.fills = try limits.maxFillsPerMinute.map { count throws(HealthConfigurationError) in
      try RateLimiter(maxEvents: count, windowNanos: minute)
    }
    self.fillNotional = try limits.maxFillNotionalPerMinute.map {
      _ throws(HealthConfigurationError) in
      try SlidingWindowCounter(windowNanos: minute, buckets: 60)
    }
    self.identical = try limits.maxIdenticalOrders.map { count throws(HealthConfigurationError) in
      try RateLimiter(maxEvents: count, windowNanos: limits.identicalWindowNanos)
    }
    self.lastSignature = nil
    self.lastSeen = .min
  }

  /// Counts an order of `notional` (raw, account currency; its magnitude counts) at `now`, then
  /// returns the bound it exceeded, if any. Allocation-free, O(1) amortised.
  public mutating func recordOrder(_ signature: OrderSignature, notional: Int64, at now: Int64)
    -> RunawayTrip?
  {
    let time = observe(now)
    let countTrip = Self.count(&orders, limit: limits.maxOrdersPerMinute, kind: .orderCount, time)
    let notionalTrip = Self.add(
      notional, to: &orderNotional, limit: limits.maxOrderNotionalPerMinute, kind: .orderNotional,
      time)
    if signature != lastSignature {
      identical?.reset()
      lastSignature = signature
    }
    var identicalTrip = Self.count(
      &identical, limit: limits.maxIdenticalOrders, kind: .identicalOrders, time)
    identicalTrip?.windowNanos = limits.identicalWindowNanos
    return countTrip ?? notionalTrip ?? identicalTrip
  }

  /// Counts a fill of `notional` (raw, account currency; its magnitude counts) at `now`, then
  /// returns the bound it exceeded, if any. Allocation-free, O(1) amortised.
  public mutating func recordFill(notional: Int64, at now: Int64) -> RunawayTrip? {
    let time = observe(now)
    let countTrip = Self.count(&fills, limit: limits.maxFillsPerMinute, kind: .fillCount, time)
    let notionalTrip = Self.add(
      notional, to: &fillNotional, limit: limits.maxFillNotionalPerMinute, kind: .fillNotional,
      time)
    return countTrip ?? notionalTrip
  }

  /// Forgets every order, fill and streak and the latest time seen. Allocation-free.
  public mutating func reset() {
    orders?.reset()
    orderNotional?.reset()
    fills?.reset()
    fillNotional?.reset()
    identical?.reset()
    lastSignature = nil
    lastSeen = .min
  }

  private mutating func observe(_ now: Int64) -> Int64 {
    lastSeen = Swift.max(now, lastSeen)
    return lastSeen
  }

  /// Records one event in `ring`; a trip when the ring already held `limit` events in the window.
  private static func count(
    _ ring: inout RateLimiter?, limit: Int?, kind: RunawayTrip.Kind, _ time: Int64
  ) -> RunawayTrip? {
    guard let limit, let within = ring?.wouldAllow(at: time) else { return nil }
    ring?.record(at: time)
    guard !within else { return nil }
    return RunawayTrip(
      kind: kind, observed: Int64(limit) + 1, limit: Int64(limit),
      windowNanos: RunawayLimits.minuteNanos, at: time)
  }

  /// Adds `notional`'s magnitude to `window`; a trip when the window's sum is above `limit`.
  private static func add(
    _ notional: Int64, to window: inout SlidingWindowCounter?, limit: Int64?,
    kind: RunawayTrip.Kind, _ time: Int64
  ) -> RunawayTrip? {
    window?.add(Int64(clamping: notional.magnitude), at: time)
    guard let limit, let sum = window?.total(at: time), sum > limit else { return nil }
    return RunawayTrip(
      kind: kind, observed: sum, limit: limit, windowNanos: RunawayLimits.minuteNanos, at: time)
  }

  /// The rings' footprints, to show in tests that steady-state calls never reallocate.
  var storageFootprints: [StorageFootprint] {
    [
      orders?.storageFootprint, orderNotional?.storageFootprint, fills?.storageFootprint,
      fillNotional?.storageFootprint, identical?.storageFootprint,
    ].compactMap { $0 }
  }
}
