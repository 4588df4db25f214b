import Synchronization

/// Manual controls on their way to the kernel thread: any thread pushes (control channel,
/// signal watcher, file trigger, GPIO button); the risk wrapper drains between events and on
/// the driver's timer. Checking for work is one relaxed atomic load.
///
/// A kill of the whole account also takes effect before it is drained: from the push on,
/// `accountKillPending` is set and the risk wrapper denies every order (`accountHalted`), so a
/// strategy that returns from a long call cannot trade before the kill is applied.
public final class RiskCommandQueue: Sendable {
  private let queue = Mutex<[RiskCommand]>([])
  private let pendingFlag = Atomic<Bool>(false)
  private let accountKillFlag = Atomic<Bool>(false)

  public init() {}

  /// Whether commands wait (kernel thread, per event).
  public var hasPending: Bool { pendingFlag.load(ordering: .acquiring) }

  /// Whether a kill of the whole account waits to be applied (any thread; the risk wrapper
  /// reads it for every order).
  @inline(__always)
  public var accountKillPending: Bool { accountKillFlag.load(ordering: .acquiring) }

  /// [any-thread] Queues a command; it takes effect at the next event or timer tick.
  public func push(_ command: RiskCommand) {
    queue.withLock { commands in
      commands.append(command)
      if command.isAccountKill { accountKillFlag.store(true, ordering: .releasing) }
      pendingFlag.store(true, ordering: .releasing)
    }
  }

  /// [any-thread] The oldest queued kill of the whole account, if any (left in the queue).
  public func pendingAccountKill() -> RiskCommand? {
    queue.withLock { commands in commands.first(where: \.isAccountKill) }
  }

  /// [kernel-thread] Takes every queued command, oldest first (the caller applies them now).
  public func drain() -> [RiskCommand] {
    queue.withLock { commands in
      pendingFlag.store(false, ordering: .releasing)
      accountKillFlag.store(false, ordering: .releasing)
      defer { commands.removeAll() }
      return commands
    }
  }
}

extension RiskCommand {
  /// Whether the command kills the whole account.
  public var isAccountKill: Bool { action == .kill && slot == nil && instrument == nil }
}
