import Control
import Glibc

/// The file trigger's thread body: reads the inotify events of the trigger's directory from an
/// `InotifyChannel`, handles the trigger file, and returns once the channel says `stop()` was
/// called (it never returns before, so `FileTrigger.stop()` always finds it listening).
struct TriggerWatchLoop: Sendable {
  let directory: String
  let name: String
  let path: String
  let disposal: TriggerFileDisposal
  let handler: @Sendable (Result<TriggerAction, FileTriggerError>) -> Void
  /// Whether the file was there when the watch began (checked by `start()`, not by the thread:
  /// a file created after `start()` returned is left to its events, which come once its
  /// writer is done).
  let presentAtStart: Bool

  /// Made by `start()` right after the directory's watch was added.
  init(
    directory: String, name: String, path: String, disposal: TriggerFileDisposal,
    handler: @escaping @Sendable (Result<TriggerAction, FileTriggerError>) -> Void
  ) {
    var status = stat()
    self.presentAtStart = lstat(path, &status) == 0
    self.directory = directory
    self.name = name
    self.path = path
    self.disposal = disposal
    self.handler = handler
  }

  func run(_ channel: inout InotifyChannel) {
    if presentAtStart { handleFile() }
    let target = Array(name.utf8)
    var watching = true
    while case .events(let events) = channel.next(timeout: nil) {
      for event in events where watching {
        watching = handle(event, isTarget: event.name == target)
      }
      if !watching { channel.stopWatching() }
    }
  }

  /// Handles one event; false once the directory is gone (nothing more will come).
  private func handle(_ event: InotifyEvent, isTarget: Bool) -> Bool {
    if event.has(IN_Q_OVERFLOW) {
      // Events were lost: look at the file itself.
      if exists() { handleFile() }
      return true
    }
    if event.has(IN_DELETE_SELF | IN_MOVE_SELF | IN_IGNORED | IN_UNMOUNT) {
      handler(.failure(.directoryGone(directory: directory)))
      return false
    }
    guard isTarget else { return true }
    if event.has(IN_CLOSE_WRITE | IN_MOVED_TO) {
      handleFile()
    } else if event.has(IN_CREATE) && !InotifyEvent.creationAwaitsWriter(at: path) {
      handleFile()
    }
    return true
  }

  private func exists() -> Bool {
    var status = stat()
    return lstat(path, &status) == 0
  }

  /// Reads, disposes of and reports the trigger file. A file that is gone (handled already)
  /// is ignored.
  private func handleFile() {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
    guard descriptor >= 0 else {
      let code = errno
      if code != ENOENT { handler(.failure(.unreadable(path: path, errno: code))) }
      return
    }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0 else {
      handler(.failure(.unreadable(path: path, errno: errno)))
      return
    }
    guard status.st_mode & S_IFMT == S_IFREG else {
      handler(.failure(.notARegularFile(path: path)))
      return
    }
    let limit = FileTrigger.contentLimit
    var content = [UInt8](repeating: 0, count: limit + 1)
    var filled = 0
    while filled < content.count {
      let count = content.withUnsafeMutableBytes {
        read(descriptor, $0.baseAddress! + filled, $0.count - filled)
      }
      if count < 0 && errno == EINTR { continue }
      if count < 0 {
        handler(.failure(.unreadable(path: path, errno: errno)))
        return
      }
      if count == 0 { break }
      filled += count
    }
    let disposalError = dispose()
    if filled > limit {
      handler(.failure(.tooLarge(path: path, limit: limit)))
    } else {
      let text = String(decoding: content[..<filled], as: UTF8.self).trimmingTriggerWhitespace()
      if let action = TriggerAction(content: text) {
        handler(.success(action))
      } else {
        handler(.failure(.unknownAction(path: path, content: text)))
      }
    }
    if let disposalError { handler(.failure(disposalError)) }
  }

  /// Removes or renames the file; the error, if that failed for a reason other than the file
  /// being gone already.
  private func dispose() -> FileTriggerError? {
    let result =
      switch disposal {
      case .remove: unlink(path)
      case .renameToDone: rename(path, path + ".done")
      }
    guard result != 0, errno != ENOENT else { return nil }
    return .disposalFailed(path: path, errno: errno)
  }
}
