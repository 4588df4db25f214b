import Glibc
import Synchronization

/// Reports files that changed in some directories, in batches: the host's hot reload of
/// strategy plugins watches the plugin folder (manifests) and the folders of the libraries
/// they name, and reloads a plugin whose manifest or library shows up in a batch.
///
///     let watcher = DirectoryWatcher(directories: [plugins, libraries], settle: nil) { paths in
///       host.reloadPlugins(touching: paths)
///     }
///     try watcher.start()
///     ...
///     watcher.stop()
///
/// What counts as a change of an entry in a watched directory (not in its subdirectories):
/// a writer closed it (IN_CLOSE_WRITE: `cp new.so folder/`), it was renamed into place
/// (IN_MOVED_TO: `mv tmp folder/x.so`, the atomic way), or it was created by something that
/// no writer will close (IN_CREATE of a symbolic link, a hard link, a directory). A regular
/// file that is still being written is reported once its writer closes it, never at its
/// creation. Deleting an entry is not a change. When the kernel's event queue overflowed,
/// every entry of every watched directory is reported, since which ones changed is lost.
///
/// Batching: after a change the watcher keeps reading until no inotify event came for
/// `settle`, then calls `handler` once with the changed paths, each once, sorted. So a deploy
/// that copies a manifest and its library gives one call, and a file written several times
/// in a row is reported once. A path is `<directory>/<name>` with the directory as given
/// (relative paths stay relative to the working directory at `start()`).
///
/// A watched directory that is deleted or moved away is no longer watched (a new one at its
/// path is not picked up); the others still are. A directory named twice is watched once;
/// one reached by two different paths is reported under one of them.
///
/// Threads: `handler` runs on the watcher's own thread, one call at a time; it may block (the
/// events that arrive meanwhile wait in the kernel's queue and form the next batch) and may
/// call `stop()`. `start()` and `stop()` may be called from any thread; `stop()` blocks until
/// the thread has ended, so no call of `handler` starts after it returns (called from the
/// handler, it returns at once and the thread ends when the handler returns).
public final class DirectoryWatcher: Sendable {
  // Sendable is checked by the compiler: `let`s of Sendable types (the lifecycle holds a Mutex).

  /// The watched directories, without duplicates, in the order given.
  public let directories: [String]
  /// How long the directories must be quiet before a batch is reported.
  public let settle: Duration
  /// The `settle` used when none is given.
  public static let defaultSettle = Duration.milliseconds(200)
  private let handler: @Sendable ([String]) -> Void
  private let lifecycle = InotifyLifecycle()

  /// A watcher of `directories` that calls `handler` with each batch of changed paths after
  /// `settle` (nil: `defaultSettle`) of quiet; nothing happens until `start()`.
  public init(
    directories: [String], settle: Duration? = nil,
    handler: @escaping @Sendable ([String]) -> Void
  ) {
    var unique: [String] = []
    for directory in directories where !unique.contains(directory) { unique.append(directory) }
    self.directories = unique
    self.settle = max(settle ?? Self.defaultSettle, .zero)
    self.handler = handler
  }

  deinit {
    stop()
  }

  /// Starts watching. Changes from now on are reported; files already there are not.
  ///
  /// Throws `invalidDirectory`, `directoryMissing`, `notADirectory` or `cannotWatch` for the
  /// first directory that cannot be watched, `systemCall` (inotify instance, wake-up channel,
  /// thread), or `alreadyStarted`; nothing is left behind then. Blocks for a few system calls
  /// per directory.
  public func start() throws(DirectoryWatcherError) {
    if let bad = directories.first(where: { $0.isEmpty || $0.utf8.contains(0) }) {
      throw .invalidDirectory(bad)
    }
    try lifecycle.start(alreadyStarted: DirectoryWatcherError.alreadyStarted) {
      () throws(DirectoryWatcherError) -> InotifyThread in
      let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_MOVE_SELF)
      do throws(InotifySetupError) {
        let channel = try InotifyChannel.open(watching: directories, mask: mask)
        let loop = DirectoryWatchLoop(
          directories: directories, watches: channel.watches, settle: settle, handler: handler)
        return try channel.start { channel in
          var running = loop
          running.run(&channel)
        }
      } catch {
        throw Self.startError(error)
      }
    }
  }

  /// Stops watching; the thread is joined before this returns (unless called from the
  /// handler: then it ends when the handler returns). A batch still settling is dropped.
  /// Idempotent; nothing before `start()`.
  public func stop() { lifecycle.stop() }

  /// The error `start()` throws when setting up the watch failed.
  private static func startError(_ error: InotifySetupError) -> DirectoryWatcherError {
    switch error {
    case .directoryMissing(let directory): .directoryMissing(directory)
    case .notADirectory(let directory): .notADirectory(directory)
    case .watch(let directory, let code): .cannotWatch(directory: directory, errno: code)
    case .instance(let code):
      .systemCall(
        action: "create an inotify instance (at most fs.inotify.max_user_instances per user)",
        errno: code)
    case .wakeChannel(let code):
      .systemCall(action: "create the directory watcher's wake-up channel", errno: code)
    case .thread(let code): .systemCall(action: "start the directory watcher's thread", errno: code)
    }
  }
}
