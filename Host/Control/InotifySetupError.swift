import Glibc

/// Which step of setting up an inotify watch thread failed (`InotifyChannel.open` and
/// `start`). Callers turn it into their own error, in their own words; `description` is one
/// sentence for those that pass it on.
public enum InotifySetupError: Error, Sendable, Hashable, CustomStringConvertible {
  /// `inotify_init1` failed; EMFILE means the per-user instance limit
  /// (fs.inotify.max_user_instances) or the process's descriptor limit was reached.
  case instance(errno: Int32)
  /// The directory does not exist (ENOENT; also for an empty path).
  case directoryMissing(String)
  /// The path names something that is not a directory (ENOTDIR).
  case notADirectory(String)
  /// `inotify_add_watch` failed for another reason; ENOSPC means the per-user watch limit
  /// (fs.inotify.max_user_watches) was reached, EACCES that the directory may not be read.
  case watch(directory: String, errno: Int32)
  /// The wake-up socket pair could not be created.
  case wakeChannel(errno: Int32)
  /// The thread could not be started (`pthread_create`'s code).
  case thread(errno: Int32)

  public var description: String {
    switch self {
    case .instance(let code):
      "could not create an inotify instance: \(SystemError.message(code))"
        + Self.limitHint(code, EMFILE, "fs.inotify.max_user_instances")
    case .directoryMissing(let directory):
      "the directory \(directory) does not exist"
    case .notADirectory(let directory):
      "\(directory) is not a directory"
    case .watch(let directory, let code):
      "could not watch the directory \(directory): \(SystemError.message(code))"
        + Self.limitHint(code, ENOSPC, "fs.inotify.max_user_watches")
    case .wakeChannel(let code):
      "could not create the wake-up channel of the watch thread: \(SystemError.message(code))"
    case .thread(let code):
      "could not start the watch thread: \(SystemError.message(code))"
    }
  }

  /// " (the per-user inotify limit <setting> may be reached)" when `code` is `limitCode`.
  static func limitHint(_ code: Int32, _ limitCode: Int32, _ setting: String) -> String {
    code == limitCode ? " (the per-user inotify limit \(setting) may be reached)" : ""
  }
}
