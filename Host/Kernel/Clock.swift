import Glibc

/// The time source of a run: every "now" in the kernel, the risk gate and the plugins (through
/// `th_host_api.now_ns`) comes from one `Clock`, so a backtest never reads the wall clock and a
/// test never sleeps.
///
/// Implementation requirements: `now()` may be called from any thread (plugins may log from
/// their own threads) and must not block.
public protocol Clock: AnyObject, Sendable {
  /// Nanoseconds since the Unix epoch, UTC.
  func now() -> Int64
}

/// The wall clock (`CLOCK_REALTIME`): paper and live runs.
public final class WallClock: Clock {
  public init() {}

  public func now() -> Int64 {
    var spec = timespec()
    clock_gettime(CLOCK_REALTIME, &spec)
    return Int64(spec.tv_sec) * 1_000_000_000 + Int64(spec.tv_nsec)
  }
}
