import Control

/// Why a file trigger could not watch, or what was wrong with a trigger file. `description` is
/// one sentence a person can act on. `start()` throws the first five; the handler gets the rest.
public enum FileTriggerError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The path is empty, contains a NUL byte, or does not end in a file name.
  case invalidPath(String)
  /// The directory that should hold the trigger file does not exist.
  case directoryMissing(directory: String, path: String)
  /// What should be the trigger file's directory is not a directory.
  case notADirectory(directory: String, path: String)
  /// inotify or the wake-up channel could not be set up ("could not <action>: <errno>").
  case systemCall(action: String, errno: Int32)
  /// This trigger was started before; a trigger runs at most once.
  case alreadyStarted(path: String)
  /// The file's content names no action; the file was disposed of and nothing was done.
  case unknownAction(path: String, content: String)
  /// The file has more than `limit` bytes; disposed of, nothing was done.
  case tooLarge(path: String, limit: Int)
  /// Something that is not a regular file (a directory, a FIFO) appeared at the path; left
  /// in place, nothing was done.
  case notARegularFile(path: String)
  /// The file could not be opened or read.
  case unreadable(path: String, errno: Int32)
  /// The file was acted on but could not be removed or renamed, so it may fire again.
  case disposalFailed(path: String, errno: Int32)
  /// The watched directory was deleted, moved or unmounted; the trigger no longer fires.
  case directoryGone(directory: String)

  public var description: String {
    switch self {
    case .invalidPath(let path):
      "\"\(path)\" is not a usable trigger file path: it is empty, contains a NUL byte or "
        + "ends in a slash"
    case .directoryMissing(let directory, let path):
      "cannot watch for the trigger file \(path): its directory \(directory) does not exist "
        + "(create it first)"
    case .notADirectory(let directory, let path):
      "cannot watch for the trigger file \(path): \(directory) is not a directory"
    case .systemCall(let action, let code):
      "could not \(action): \(SystemError.message(code))"
    case .alreadyStarted(let path):
      "the file trigger on \(path) was already started; a trigger runs at most once"
    case .unknownAction(let path, let content):
      "the trigger file \(path) says '\(content)', which is not an action "
        + "(kill, reduce, pause, resume, or empty for kill); nothing was done"
    case .tooLarge(let path, let limit):
      "the trigger file \(path) is longer than \(limit) bytes; nothing was done"
    case .notARegularFile(let path):
      "\(path) is not a regular file; nothing was done"
    case .unreadable(let path, let code):
      "could not read the trigger file \(path): \(SystemError.message(code))"
    case .disposalFailed(let path, let code):
      "could not remove or rename the trigger file \(path) after acting on it: "
        + "\(SystemError.message(code)); it may fire again"
    case .directoryGone(let directory):
      "the trigger directory \(directory) was deleted or moved; the file trigger no longer fires"
    }
  }
}
