import Glibc

/// The market-event-to-decision latency of the kernel loop, sampled: every `sampleEvery`-th
/// event (a power of two) is timed on the monotonic clock from the moment `process` takes it to
/// the moment its strategies have decided and its order events are delivered, and counted in
/// one of `bucketCount` buckets whose upper bounds double from 250 ns. Sampling keeps the cost
/// of two clock reads off most events; `sampleEvery == 0` turns it off (`make bench` measures
/// the loop both ways).
///
/// Kernel-thread only. `record` is allocation-free (fixed storage); the status snapshot copies
/// the counts out between events for `/metrics`.
public struct LatencyHistogram: Sendable, Equatable {
  /// Upper bounds of the buckets, ns: 250, 500, 1000, ... (the last bucket also takes anything
  /// longer: it is +Inf).
  public static let bucketCount = 20
  public static func upperBound(_ bucket: Int) -> Int64 { 250 << Int64(bucket) }

  /// Timed events per bucket.
  public private(set) var counts: [Int]
  public private(set) var sumNanos: Int64 = 0
  public private(set) var count = 0
  /// `sampleEvery - 1`, or -1 when off.
  private let mask: Int

  /// Times one event in `sampleEvery` (rounded up to a power of two; 0: none).
  public init(sampleEvery: Int = 64) {
    counts = [Int](repeating: 0, count: Self.bucketCount)
    if sampleEvery <= 0 {
      mask = -1
    } else {
      var power = 1
      while power < sampleEvery { power <<= 1 }
      mask = power - 1
    }
  }

  /// Whether the event with this sequence number is timed.
  @inline(__always)
  func isDue(_ sequence: Int) -> Bool { mask >= 0 && sequence & mask == 0 }

  /// Now on the monotonic clock, ns.
  @inline(__always)
  static func now() -> Int64 {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Int64(time.tv_sec) &* 1_000_000_000 &+ Int64(time.tv_nsec)
  }

  /// Counts one timed event.
  @inline(__always)
  mutating func record(_ nanos: Int64) {
    var bucket = 0
    while bucket < Self.bucketCount - 1, nanos > Self.upperBound(bucket) { bucket += 1 }
    counts[bucket] &+= 1
    sumNanos &+= max(0, nanos)
    count &+= 1
  }
}
