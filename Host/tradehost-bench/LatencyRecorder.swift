#if canImport(Glibc)
  import Glibc
#endif

/// Per-call latencies in nanoseconds, preallocated; percentiles by sorting once at the end.
struct LatencyRecorder {
  private var samples: [UInt64]
  /// Samples recorded (at most the capacity).
  private(set) var count = 0

  init(capacity: Int) { samples = [UInt64](repeating: 0, count: capacity) }

  /// Monotonic time in ns.
  @inline(__always)
  static func now() -> UInt64 {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return UInt64(spec.tv_sec) &* 1_000_000_000 &+ UInt64(spec.tv_nsec)
  }

  @inline(__always)
  mutating func record(_ nanoseconds: UInt64) {
    if count < samples.count {
      samples[count] = nanoseconds
      count += 1
    }
  }

  /// p50, p99, p99.9 and max.
  func percentiles() -> (p50: UInt64, p99: UInt64, p999: UInt64, max: UInt64) {
    let sorted = samples.prefix(count).sorted()
    guard !sorted.isEmpty else { return (0, 0, 0, 0) }
    func at(_ q: Double) -> UInt64 { sorted[min(sorted.count - 1, Int(Double(sorted.count) * q))] }
    return (at(0.50), at(0.99), at(0.999), sorted.last!)
  }
}
