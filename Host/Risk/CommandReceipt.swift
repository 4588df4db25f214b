import Dispatch
import Synchronization

/// How a manual control came out, for the one who asked (the control channel waits on it): the
/// kernel thread completes it once the control was applied, saying whether everything it wrote
/// (audit records, the risk state file) was saved. Identity-equal.
public final class CommandReceipt: Sendable, Equatable {
  /// The outcome of an applied control.
  public enum Outcome: Sendable, Equatable {
    /// Applied, and every record and state it wrote is on disk.
    case saved
    /// Applied, but a write failed: the text says which.
    case notSaved(String)
  }

  private let outcome = Mutex<Outcome?>(nil)
  private let done = DispatchSemaphore(value: 0)

  public init() {}

  /// [kernel-thread] The control was applied; `writeError` is the failed write, if any.
  public func complete(writeError: String?) {
    let first = outcome.withLock { outcome -> Bool in
      guard outcome == nil else { return false }
      outcome = writeError.map { .notSaved($0) } ?? .saved
      return true
    }
    if first { done.signal() }
  }

  /// Waits up to `nanoseconds` for the control to be applied; `nil` when it was not yet.
  public func wait(nanoseconds: Int64) -> Outcome? {
    if done.wait(timeout: .now() + .nanoseconds(Int(nanoseconds))) == .timedOut { return nil }
    done.signal()
    return outcome.withLock { $0 }
  }

  public static func == (lhs: CommandReceipt, rhs: CommandReceipt) -> Bool { lhs === rhs }
}
