import Synchronization

/// The mailbox between the threads that ask for slot changes (control channel, folder watcher,
/// the loader thread) and the kernel thread that makes them, plus the latest slot report for
/// `tradehost slots`.
///
/// Thread-safe (a mutex); no call blocks for long. `submit` and `deliver` wake the kernel thread
/// (`KernelControl.requestService` through `wake`), which drains the desk between two events.
public final class DeploymentDesk: Sendable {
  private struct Inbox {
    var commands: [DeploymentCommand] = []
    var loaded: [PreparedVersion.Box] = []
    var report: [SlotReport] = []
    var outcomes: [String] = []
  }

  private let inbox = Mutex(Inbox())
  private let wake: @Sendable () -> Void
  private let waiter = OutcomeWaiter()

  /// `wake` asks the kernel thread for service (and wakes a paper driver waiting for its next bar).
  public init(wake: @escaping @Sendable () -> Void) {
    self.wake = wake
  }

  /// [any-thread] Queues a command for the kernel thread.
  public func submit(_ command: DeploymentCommand) {
    inbox.withLock { $0.commands.append(command) }
    wake()
  }

  /// [loader-thread] Hands a loaded, created version (or why it could not be prepared) to the
  /// kernel thread.
  func deliver(_ outcome: Result<PreparedVersion, DeploymentError>) {
    inbox.withLock { $0.loaded.append(PreparedVersion.Box(outcome)) }
    wake()
  }

  /// [kernel-thread] Takes the waiting commands and load outcomes, oldest first.
  func drain() -> (
    commands: [DeploymentCommand], loaded: [Result<PreparedVersion, DeploymentError>]
  ) {
    inbox.withLock { inbox in
      defer {
        inbox.commands.removeAll()
        inbox.loaded.removeAll()
      }
      return (inbox.commands, inbox.loaded.map(\.outcome))
    }
  }

  /// [kernel-thread] Publishes the slots' report.
  func publish(_ report: [SlotReport]) {
    inbox.withLock { $0.report = report }
  }

  /// [kernel-thread] Records the outcome of a deployment action (one sentence), newest last; the
  /// last 50 are kept.
  func record(outcome: String) {
    inbox.withLock { inbox in
      inbox.outcomes.append(outcome)
      if inbox.outcomes.count > 50 { inbox.outcomes.removeFirst(inbox.outcomes.count - 50) }
    }
    waiter.signal()
  }

  /// [control thread] Queues `command` and waits (at most `timeout` seconds) for the outcomes it
  /// leads to: returns those recorded after it, or an empty list when none came in time (a
  /// load still running; `tradehost slots` shows it later). Blocks the caller, never the kernel.
  public func submitAndWait(_ command: DeploymentCommand, timeout: Double) -> [String] {
    let before = waiter.recorded
    submit(command)
    guard waiter.wait(after: before, timeout: timeout) else { return [] }
    let after = waiter.recorded
    return inbox.withLock { Array($0.outcomes.suffix(min(after - before, $0.outcomes.count))) }
  }

  /// [any-thread] The latest slot report.
  public func report() -> [SlotReport] { inbox.withLock { $0.report } }

  /// [any-thread] The latest outcomes of reloads, promotions and rollbacks, oldest first.
  public func outcomes() -> [String] { inbox.withLock { $0.outcomes } }
}
