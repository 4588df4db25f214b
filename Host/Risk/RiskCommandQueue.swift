import Synchronization

/// Manual controls on their way to the kernel thread: any thread pushes (control channel,
/// signal watcher, file trigger, GPIO button); the risk wrapper drains between events and on
/// the driver's timer. Checking for work is one relaxed atomic load.
public final class RiskCommandQueue: Sendable {
  private let queue = Mutex<[RiskCommand]>([])
  private let pendingFlag = Atomic<Bool>(false)

  public init() {}

  /// Whether commands wait (kernel thread, per event).
  public var hasPending: Bool { pendingFlag.load(ordering: .acquiring) }

  /// [any-thread] Queues a command; it takes effect at the next event or timer tick.
  public func push(_ command: RiskCommand) {
    queue.withLock { commands in
      commands.append(command)
      pendingFlag.store(true, ordering: .releasing)
    }
  }

  /// [kernel-thread] Takes every queued command, oldest first.
  public func drain() -> [RiskCommand] {
    queue.withLock { commands in
      pendingFlag.store(false, ordering: .releasing)
      defer { commands.removeAll() }
      return commands
    }
  }
}
