import Glibc

/// Why a `DirectoryWatcher` could not start. `description` is one sentence naming the
/// directory and the system's reason.
public enum DirectoryWatcherError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The path is empty or contains a NUL byte.
  case invalidDirectory(String)
  /// The directory does not exist.
  case directoryMissing(String)
  /// The path names something that is not a directory.
  case notADirectory(String)
  /// `inotify_add_watch` failed for the directory: ENOSPC (the per-user watch limit,
  /// fs.inotify.max_user_watches), EACCES, ...
  case cannotWatch(directory: String, errno: Int32)
  /// Another system call failed ("could not <action>: <errno>"): the inotify instance (the
  /// action names the per-user instance limit), the wake-up channel or the thread.
  case systemCall(action: String, errno: Int32)
  /// This watcher was started before; a watcher runs at most once.
  case alreadyStarted

  public var description: String {
    switch self {
    case .invalidDirectory(let directory):
      "\"\(directory)\" is not a usable directory path: it is empty or contains a NUL byte"
    case .directoryMissing(let directory):
      "cannot watch the directory \(directory): it does not exist (create it first)"
    case .notADirectory(let directory):
      "cannot watch \(directory): it is not a directory"
    case .cannotWatch(let directory, let code):
      "cannot watch the directory \(directory): \(SystemError.message(code))"
        + InotifySetupError.limitHint(code, ENOSPC, "fs.inotify.max_user_watches")
    case .systemCall(let action, let code):
      "could not \(action): \(SystemError.message(code))"
    case .alreadyStarted:
      "this DirectoryWatcher was already started; a watcher runs at most once"
    }
  }
}
