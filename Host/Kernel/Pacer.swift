import Dispatch

/// Paces a paper session's rounds in wall time (the session passes its wall clock: the real one,
/// or a test's).
///
/// Implementation requirements: `wait(until:)` is called on the kernel thread between events and
/// may block until the deadline; `wake()` may be called from any thread and must make a pending
/// or the next `wait` return at once (a stop request must not wait for the next bar).
public protocol Pacer: AnyObject, Sendable {
  /// Blocks until `deadline` (ns on `clock`, the session's wall clock) or a `wake()`.
  func wait(until deadline: Int64, clock: any Clock)
  /// Interrupts the current or next wait.
  func wake()
}

/// Waits in real time on a semaphore, so `wake()` cuts the wait short.
public final class RealTimePacer: Pacer {
  private let semaphore = DispatchSemaphore(value: 0)

  public init() {}

  public func wait(until deadline: Int64, clock: any Clock) {
    let remaining = deadline - clock.now()
    guard remaining > 0 else { return }
    _ = semaphore.wait(timeout: .now() + .nanoseconds(Int(remaining)))
  }

  public func wake() { semaphore.signal() }
}

/// Never waits: a session runs as fast as the kernel goes (tests, `--interval-ms 0`).
public final class ImmediatePacer: Pacer {
  public init() {}
  public func wait(until deadline: Int64, clock: any Clock) {}
  public func wake() {}
}

/// Moves a `HistoricalClock` to each deadline instead of waiting: a paper session whose wall
/// clock is simulated, deterministic and instant (tests of pacing).
public final class SimulatedTimePacer: Pacer {
  private let clock: HistoricalClock

  public init(clock: HistoricalClock) {
    self.clock = clock
  }

  public func wait(until deadline: Int64, clock: any Clock) {
    self.clock.advance(to: deadline)
  }

  public func wake() {}
}
