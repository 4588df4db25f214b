import Synchronization

/// The start-once, stop-once life of an inotify watch thread (`DirectoryWatcher`,
/// `FileTrigger`): idle, then running its `InotifyThread`, then stopped for good.
///
/// Thread-safe (a mutex). `stop()` may be called from any thread, also from the watch thread's
/// own handler (the thread then ends when the handler returns).
public final class InotifyLifecycle: Sendable {
  private enum State {
    case idle
    case running(InotifyThread)
    case stopped
  }

  private let state = Mutex(State.idle)

  public init() {}

  /// Runs `launch` (which opens the watch and starts its thread) once: throws `alreadyStarted`
  /// when started before, or what `launch` throws (nothing is running then).
  public func start<E: Error>(
    alreadyStarted: @autoclosure () -> E, _ launch: () throws(E) -> InotifyThread
  ) throws(E) {
    try state.withLock { (state: inout State) throws(E) in
      guard case .idle = state else { throw alreadyStarted() }
      state = .running(try launch())
    }
  }

  /// Stops the thread (joined before this returns, unless called from the thread's handler).
  /// Idempotent; nothing before `start`.
  public func stop() {
    let running = state.withLock { state -> InotifyThread? in
      guard case .running(let thread) = state else { return nil }
      state = .stopped
      return thread
    }
    running?.stop()
  }
}
