import Glibc

/// How long the kernel stopped for each strategy swap (export, import or warm-up, switch), on
/// the monotonic clock: kept in a ring of the latest `capacity` swaps for `tradehost slots`
/// and `make bench`.
///
/// Kernel-thread only. `record` does not allocate once the ring is full.
public struct SwapPauses: Sendable {
  /// The most pauses kept.
  public let capacity: Int
  private var values: [Int64] = []
  private var next = 0
  /// Swaps measured since the start.
  public private(set) var count = 0

  public init(capacity: Int = 4096) {
    self.capacity = max(1, capacity)
    values.reserveCapacity(self.capacity)
  }

  /// Records a pause, ns.
  mutating func record(_ nanoseconds: Int64) {
    count += 1
    if values.count < capacity {
      values.append(nanoseconds)
    } else {
      values[next] = nanoseconds
      next = (next + 1) % capacity
    }
  }

  /// The kept pauses, ns, in no particular order.
  public var samples: [Int64] { values }

  /// The monotonic clock, ns (pauses only: never the trading clock).
  static func monotonicNow() -> Int64 {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return Int64(spec.tv_sec) * 1_000_000_000 + Int64(spec.tv_nsec)
  }
}
