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
/// inotify descriptor and a wake-up socket that `stop()` closes (Control's `InotifyChannel`).
///
/// Threads: `handler` runs on the trigger's thread, one call at a time; it should return soon
/// and may call `stop()`. `start()` and `stop()` may be called from any thread; `stop()`
/// blocks until the thread has ended (unless called from the handler).
public final class FileTrigger: Sendable {
  // Sendable is checked by the compiler: `let`s of Sendable types (the lifecycle holds a Mutex).

  /// The trigger file.
  public let path: String
  /// What happens to a trigger file once read.
  public let disposal: TriggerFileDisposal
  /// The most bytes of content read; a longer file is `tooLarge`.
  public static let contentLimit = 4096
  private let handler: @Sendable (Result<TriggerAction, FileTriggerError>) -> Void
  private let lifecycle = InotifyLifecycle()

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
    try lifecycle.start(alreadyStarted: FileTriggerError.alreadyStarted(path: path)) {
      () throws(FileTriggerError) -> InotifyThread in
      let mask = UInt32(IN_CREATE | IN_MOVED_TO | IN_CLOSE_WRITE | IN_DELETE_SELF | IN_MOVE_SELF)
      do throws(InotifySetupError) {
        let channel = try InotifyChannel.open(watching: [directory], mask: mask)
        // Made after the watch exists: a file created in between is seen by one or the other.
        let loop = TriggerWatchLoop(
          directory: directory, name: name, path: path, disposal: disposal, handler: handler)
        return try channel.start { channel in loop.run(&channel) }
      } catch {
        throw Self.startError(error, directory: directory, path: path)
      }
    }
  }

  /// The error `start()` throws when setting up the watch failed.
  private static func startError(
    _ error: InotifySetupError, directory: String, path: String
  ) -> FileTriggerError {
    switch error {
    case .directoryMissing: .directoryMissing(directory: directory, path: path)
    case .notADirectory: .notADirectory(directory: directory, path: path)
    case .instance(let code):
      .systemCall(action: "create an inotify instance for \(path)", errno: code)
    case .watch(_, let code): .systemCall(action: "watch the directory \(directory)", errno: code)
    case .wakeChannel(let code):
      .systemCall(action: "create the wake-up channel for \(path)", errno: code)
    case .thread(let code):
      .systemCall(action: "start the trigger thread for \(path)", errno: code)
    }
  }

  /// Stops watching; the thread is joined before this returns (unless called from the
  /// handler: then it ends when the handler returns). Files created afterwards are left alone.
  /// Idempotent; nothing before `start()`.
  public func stop() { lifecycle.stop() }
}
