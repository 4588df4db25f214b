import Control
import Glibc
import Synchronization

/// A software kill switch: an action (`TriggerAction`) is requested by creating a file, e.g.
/// from a shell, over ssh or by a monitoring job.
///
///     let trigger = FileTrigger(path: "/run/tradehost/trigger") { result in
///       switch result {
///       case .success(let action): host.apply(action)
///       case .failure(let error): log(error)
///       }
///     }
///     try trigger.start()
///     ...
///     trigger.stop()
///
/// When the file appears, or is there at `start()`, its content is read (at most
/// `contentLimit` bytes), trimmed and parsed; the file is removed or renamed to
/// `<name>.done` (`disposal`), so each creation fires once; and `handler` gets the action, or
/// `unknownAction` for content that names none (nothing is acted on then). A failure to
/// dispose of the file is reported after the action.
///
/// How: inotify watches the parent directory for IN_CLOSE_WRITE (a writer closed the file:
/// `echo kill > trigger`) and IN_MOVED_TO (renamed into place: the atomic way). IN_CREATE alone
/// acts only for what no writer will close (a symlink, a hard link, a directory), so an empty
/// file that is still being written is never read as `kill`. A dedicated thread polls the
/// inotify descriptor and a wake-up socket that `stop()` writes to.
///
/// Threads: `handler` runs on the trigger's thread, one call at a time; it should return soon
/// and may call `stop()`. `start()` and `stop()` may be called from any thread; `stop()`
/// blocks until the thread has ended (unless called from the handler).
public final class FileTrigger: Sendable {
  // Sendable is checked by the compiler: `let`s of Sendable types, mutable state in a Mutex.

  /// The trigger file.
  public let path: String
  /// What happens to a trigger file once read.
  public let disposal: TriggerFileDisposal
  /// The most bytes of content read; a longer file is `tooLarge`.
  public static let contentLimit = 4096
  private let handler: @Sendable (Result<TriggerAction, FileTriggerError>) -> Void
  private let state = Mutex(State.idle)

  private enum State {
    case idle
    /// `wake` is the write end of the thread's wake-up socket; the thread owns the rest.
    case running(thread: JoinableThread, wake: Int32)
    case stopped
  }

  /// A trigger on `path` (absolute, or relative to the working directory at `start()`);
  /// nothing happens until `start()`.
  public init(
    path: String, disposal: TriggerFileDisposal = .renameToDone,
    handler: @escaping @Sendable (Result<TriggerAction, FileTriggerError>) -> Void
  ) {
    self.path = path
    self.disposal = disposal
    self.handler = handler
  }

  deinit {
    stop()
  }

  /// The directory holding `path` and the file's name, or `nil` for an unusable path.
  static func split(_ path: String) -> (directory: String, name: String)? {
    guard !path.isEmpty, !path.utf8.contains(0), !path.hasSuffix("/") else { return nil }
    guard let slash = path.lastIndex(of: "/") else {
      return path == "." || path == ".." ? nil : (".", path)
    }
    let name = String(path[path.index(after: slash)...])
    guard name != ".", name != ".." else { return nil }
    let directory = slash == path.startIndex ? "/" : String(path[..<slash])
    return (directory, name)
  }

  /// Starts watching. A trigger file already present is handled on the trigger's thread right
  /// after.
  ///
  /// Throws `invalidPath`, `directoryMissing`, `notADirectory`, `systemCall` (inotify, e.g. the
  /// per-user watch limit) or `alreadyStarted`; nothing is left behind then. Blocks for a few
  /// system calls.
  public func start() throws(FileTriggerError) {
    let path = self.path
    guard let (directory, name) = Self.split(path) else { throw .invalidPath(path) }
    try state.withLock { (state: inout State) throws(FileTriggerError) in
      guard case .idle = state else { throw .alreadyStarted(path: path) }
      let inotify = inotify_init1(Int32(IN_CLOEXEC | IN_NONBLOCK))
      guard inotify >= 0 else {
        throw .systemCall(action: "create an inotify instance for \(path)", errno: errno)
      }
      let mask =
        UInt32(IN_CREATE | IN_MOVED_TO | IN_CLOSE_WRITE | IN_DELETE_SELF | IN_MOVE_SELF)
        | UInt32(IN_ONLYDIR)
      guard inotify_add_watch(inotify, directory, mask) >= 0 else {
        let code = errno
        Glibc.close(inotify)
        switch code {
        case ENOENT: throw .directoryMissing(directory: directory, path: path)
        case ENOTDIR: throw .notADirectory(directory: directory, path: path)
        default: throw .systemCall(action: "watch the directory \(directory)", errno: code)
        }
      }
      var wake: [Int32] = [-1, -1]
      let type = SOCK_STREAM.rawValue | SOCK_CLOEXEC.rawValue
      guard socketpair(AF_UNIX, Int32(type), 0, &wake) == 0 else {
        let code = errno
        Glibc.close(inotify)
        throw .systemCall(action: "create the wake-up channel for \(path)", errno: code)
      }
      let loop = TriggerWatchLoop(
        directory: directory, name: name, path: path, disposal: disposal,
        inotify: inotify, wake: wake[0], handler: handler)
      do throws(JoinableThread.StartError) {
        let thread = try JoinableThread.start {
          var running = loop
          running.run()
        }
        state = .running(thread: thread, wake: wake[1])
      } catch {
        Glibc.close(inotify)
        Glibc.close(wake[0])
        Glibc.close(wake[1])
        throw .systemCall(action: "start the trigger thread for \(path)", errno: error.code)
      }
    }
  }

  /// Stops watching; the thread is joined before this returns (unless called from the
  /// handler: then it ends when the handler returns). Files created afterwards are left alone.
  /// Idempotent; nothing before `start()`.
  public func stop() {
    let running = state.withLock { state -> (JoinableThread, Int32)? in
      switch state {
      case .idle, .stopped:
        return nil
      case .running(let thread, let wake):
        state = .stopped
        return (thread, wake)
      }
    }
    guard let (thread, wake) = running else { return }
    // Closing the write end wakes the thread (end of file), which only ends on that.
    Glibc.close(wake)
    if thread.isCurrent {
      thread.detach()
    } else {
      thread.join()
    }
  }
}
