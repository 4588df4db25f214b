import Synchronization

/// The latest `StatusSnapshot`, written by the kernel thread and read by the control thread
/// (a mutex around a value; both sides hold it only to copy).
public final class StatusBoard: Sendable {
  private let current = Mutex(StatusSnapshot())

  public init() {}

  /// [kernel-thread] Publishes a new snapshot.
  public func publish(_ snapshot: StatusSnapshot) {
    current.withLock { $0 = snapshot }
  }

  /// [any-thread] The latest snapshot.
  public func read() -> StatusSnapshot {
    current.withLock { $0 }
  }
}
