import Synchronization

/// A clock driven by the data: the kernel sets it to each event's timestamp before it dispatches
/// the event, so "now" inside a callback is the time the event became known (a bar's close time)
/// and nothing can see the future. Tests drive it by hand.
///
/// `advance(to:)` is called on the kernel thread; `now()` from any thread. Time never goes back:
/// an earlier timestamp leaves the clock where it is (the data readers refuse out-of-order
/// files, so this only guards against misuse).
public final class HistoricalClock: Clock {
  private let nanoseconds: Atomic<Int64>

  /// A clock at `start` (ns since the epoch).
  public init(start: Int64 = 0) {
    nanoseconds = Atomic(start)
  }

  public func now() -> Int64 { nanoseconds.load(ordering: .relaxed) }

  /// [kernel-thread] Moves the clock to `timestamp` (never backwards).
  @inline(__always)
  public func advance(to timestamp: Int64) {
    if timestamp > nanoseconds.load(ordering: .relaxed) {
      nanoseconds.store(timestamp, ordering: .relaxed)
    }
  }
}
