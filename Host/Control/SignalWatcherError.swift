/// Why a `SignalWatcher` could not start. `description` is one sentence.
public enum SignalWatcherError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The signal cannot be caught, or catching it would be unsafe (a fault signal).
  case unsupportedSignal(Int32)
  /// Another running watcher already owns the signal.
  case alreadyWatched(Int32)
  /// This watcher was started before; a watcher runs at most once.
  case alreadyStarted
  /// A system call failed: "could not <action>: <strerror(errno)>".
  case systemCall(action: String, errno: Int32)

  public var description: String {
    switch self {
    case .unsupportedSignal(let signal):
      "\(SignalWatcher.name(of: signal)) cannot be watched: it is out of range, cannot be "
        + "caught, or reports a fault that a handler must not swallow"
    case .alreadyWatched(let signal):
      "\(SignalWatcher.name(of: signal)) is already watched by another SignalWatcher; "
        + "stop that one first"
    case .alreadyStarted:
      "this SignalWatcher was already started; a watcher runs at most once"
    case .systemCall(let action, let code):
      "could not \(action): \(SystemError.message(code))"
    }
  }
}
