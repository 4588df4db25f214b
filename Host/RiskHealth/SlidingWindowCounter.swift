/// A sum of amounts (event counts, or fixed-point notional `raw` values) over the last
/// `windowNanos`, kept in a fixed ring of `bucketCount` time buckets of `bucketNanos` each.
/// Exact integer arithmetic: no `Double`, no rounding.
///
/// Semantics: bucket `k` holds what was added at times `t` with `floor(t / bucketNanos) == k`.
/// `total(at: now)` sums the `bucketCount` newest buckets, `floor(now / bucketNanos)` included, so
/// an amount added at `t` counts until the start of bucket `floor(t / bucketNanos) + bucketCount`:
/// for at least `windowNanos - bucketNanos` and less than `windowNanos`. The resolution is one
/// bucket (60 s in 60 buckets: amounts expire on whole seconds).
///
/// Time: `now` is ns since the Unix epoch, passed in by the caller. A `now` earlier than the
/// latest one seen counts as that latest one (the clock never goes back here). A gap of a whole
/// window or more empties every bucket.
///
/// Contract: a value type for one owner on one thread (the kernel thread; not shared). The ring is
/// allocated in `init`; `add`, `total` and `reset` never allocate, never block, and cost O(1)
/// amortised (a call clears the buckets that elapsed since the previous call, at most
/// `bucketCount`). Sums are kept in 128 bits and `total` clamps to `Int64`.
public struct SlidingWindowCounter: Sendable {
  /// The largest `bucketCount` accepted (16 MiB of ring).
  public static let maximumBuckets = 1 << 20

  /// The window's length, ns: `bucketCount * bucketNanos`.
  public let windowNanos: Int64
  /// One bucket's length, ns.
  public let bucketNanos: Int64
  /// The sum of each bucket, indexed by `floor(bucket index) mod bucketCount`.
  private var amounts: [Int128]
  /// The sum of `amounts`.
  private var sum: Int128
  /// The absolute index of the newest bucket (`floor(time / bucketNanos)`), once started.
  private var newestBucket: Int64
  /// The ring slot of `newestBucket` and the time its bucket ends: a time before it needs no
  /// division (the fast path of every call within one bucket).
  private var newestSlot = 0
  private var newestBucketEnd = Int64.min
  /// Whether anything was added or asked since `init` or `reset`.
  private var started: Bool
  /// The latest time seen (`Int64.min` before the first call).
  private var lastSeen: Int64

  /// A counter over `windowNanos` in `buckets` buckets. Throws every problem at once: a window
  /// below 1 ns, fewer than 1 or more than `maximumBuckets` buckets, or a window that is not a
  /// whole number of buckets (no clamping or rounding: 60 s in 60 or 600 buckets, not 7).
  public init(windowNanos: Int64, buckets: Int) throws(HealthConfigurationError) {
    let problems = Self.problems(
      windowNanos: windowNanos, buckets: buckets, windowField: "windowNanos",
      bucketsField: "buckets")
    guard problems.isEmpty else { throw HealthConfigurationError(problems: problems) }
    self.windowNanos = windowNanos
    self.bucketNanos = windowNanos / Int64(buckets)
    self.amounts = Array(repeating: 0, count: buckets)
    self.sum = 0
    self.newestBucket = 0
    self.started = false
    self.lastSeen = .min
  }

  /// The number of buckets.
  public var bucketCount: Int { amounts.count }

  /// Adds `amount` (may be negative) at `now`. Allocation-free, O(1) amortised.
  public mutating func add(_ amount: Int64, at now: Int64) {
    advance(to: now)
    amounts[newestSlot] += Int128(amount)
    sum += Int128(amount)
  }

  /// The sum of the amounts still in the window at `now`, clamped to `Int64`; forgets the buckets
  /// that expired. Allocation-free, O(1) amortised.
  public mutating func total(at now: Int64) -> Int64 {
    advance(to: now)
    return Int64(clamping: sum)
  }

  /// Forgets every amount and the latest time seen (as new, same geometry). Allocation-free,
  /// O(`bucketCount`).
  public mutating func reset() {
    clearAll()
    started = false
    newestBucket = 0
    newestSlot = 0
    newestBucketEnd = .min
    lastSeen = .min
  }

  /// Moves the ring to `now` (or to the latest time seen, if `now` is earlier), clearing every
  /// bucket that left the window. Within the newest bucket, and into the next one, no division.
  private mutating func advance(to now: Int64) {
    let time = Swift.max(now, lastSeen)
    lastSeen = time
    if started && time < newestBucketEnd { return }
    if started, newestBucketEnd != .min, time - newestBucketEnd < bucketNanos {
      // The next bucket: clear its slot, move on.
      newestBucket += 1
      newestSlot = newestSlot + 1 == amounts.count ? 0 : newestSlot + 1
      sum -= amounts[newestSlot]
      amounts[newestSlot] = 0
      let (end, overflow) = newestBucketEnd.addingReportingOverflow(bucketNanos)
      newestBucketEnd = overflow ? Int64.min : end
      return
    }
    let bucket = Self.floorDivide(time, by: bucketNanos)
    defer {
      newestSlot = Self.ringIndex(newestBucket, count: amounts.count)
      let (end, overflow) = (newestBucket &+ 1).multipliedReportingOverflow(by: bucketNanos)
      newestBucketEnd = overflow ? Int64.min : end
    }
    guard started else {
      started = true
      newestBucket = bucket
      return
    }
    let (gap, overflow) = bucket.subtractingReportingOverflow(newestBucket)
    guard overflow || gap > 0 else { return }
    if overflow || gap >= Int64(amounts.count) {
      clearAll()
    } else {
      // A `while` loop: iterating a range of `Int64` is generic code that allocates in
      // unoptimised (debug) builds.
      var bucketToClear = newestBucket + 1
      while bucketToClear <= bucket {
        let slot = Self.ringIndex(bucketToClear, count: amounts.count)
        sum -= amounts[slot]
        amounts[slot] = 0
        bucketToClear += 1
      }
    }
    newestBucket = bucket
  }

  private mutating func clearAll() {
    var slot = 0
    while slot < amounts.count {
      amounts[slot] = 0
      slot += 1
    }
    sum = 0
  }

  /// `floor(value / divisor)` for a positive divisor (Swift's `/` truncates toward zero).
  static func floorDivide(_ value: Int64, by divisor: Int64) -> Int64 {
    let quotient = value / divisor
    return (value % divisor < 0) ? quotient - 1 : quotient
  }

  /// `bucket mod count` in `0..<count`.
  static func ringIndex(_ bucket: Int64, count: Int) -> Int {
    let remainder = bucket % Int64(count)
    return Int(remainder < 0 ? remainder + Int64(count) : remainder)
  }

  /// The problems of a window of `windowNanos` in `buckets` buckets, named by the caller's
  /// field names (shared with `CircuitBreaker.Policy` and `RunawayLimits`).
  static func problems(
    windowNanos: Int64, buckets: Int, windowField: String, bucketsField: String
  ) -> [HealthConfigurationError.Problem] {
    var problems: [HealthConfigurationError.Problem] = []
    if windowNanos < 1 {
      problems.append(.belowMinimum(field: windowField, value: windowNanos, minimum: 1))
    }
    if buckets < 1 {
      problems.append(.belowMinimum(field: bucketsField, value: Int64(buckets), minimum: 1))
    } else if buckets > maximumBuckets {
      problems.append(
        .aboveMaximum(field: bucketsField, value: Int64(buckets), maximum: Int64(maximumBuckets)))
    } else if windowNanos >= 1, windowNanos % Int64(buckets) != 0 || windowNanos < Int64(buckets) {
      problems.append(
        .windowNotDivisible(field: windowField, windowNanos: windowNanos, buckets: buckets))
    }
    return problems
  }

  /// The ring's capacity and address, to show in tests that steady-state calls never reallocate.
  var storageFootprint: StorageFootprint { StorageFootprint(amounts) }
}
