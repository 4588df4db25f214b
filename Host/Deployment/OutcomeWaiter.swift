import Foundation

/// Lets a control-channel handler wait until the kernel thread has recorded an outcome after
/// a given count (a reload loaded and swapped, a promotion done or refused).
///
/// Thread-safe: `NSCondition` guards the count; `wait` blocks the calling thread (never the
/// kernel thread, which only signals).
final class OutcomeWaiter: @unchecked Sendable {
  private let condition = NSCondition()
  private var count = 0

  /// [kernel-thread] One more outcome was recorded.
  func signal() {
    condition.lock()
    count += 1
    condition.broadcast()
    condition.unlock()
  }

  /// Outcomes recorded so far.
  var recorded: Int {
    condition.lock()
    defer { condition.unlock() }
    return count
  }

  /// Blocks until more than `count` outcomes were recorded or `timeout` passed; returns whether
  /// one was.
  func wait(after count: Int, timeout: TimeInterval) -> Bool {
    let deadline = Date(timeIntervalSinceNow: timeout)
    condition.lock()
    defer { condition.unlock() }
    while self.count <= count {
      guard condition.wait(until: deadline) else { return self.count > count }
    }
    return true
  }
}
