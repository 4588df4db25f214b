import Dispatch
import Synchronization

/// Collects values that handlers report from another thread, and lets a test wait for the n-th
/// one (an event, with a generous limit that only a broken implementation reaches).
public final class Recorder<Value: Sendable>: Sendable {
  private let values = Mutex<[Value]>([])
  private let arrived = DispatchSemaphore(value: 0)

  public init() {}

  public func record(_ value: Value) {
    values.withLock { $0.append(value) }
    arrived.signal()
  }

  /// Waits until at least `count` values have arrived; false if they did not within 10 s.
  public func waitFor(_ count: Int) -> Bool {
    while values.withLock({ $0.count }) < count {
      guard arrived.wait(timeout: .now() + .seconds(10)) == .success else { return false }
    }
    return true
  }

  public var all: [Value] {
    values.withLock { $0 }
  }
}
