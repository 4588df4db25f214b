import Glibc

/// The file trigger's thread: polls the inotify descriptor and the wake-up socket, handles the
/// trigger file, and returns once the wake-up socket's other end is closed (it never ends
/// before, so `FileTrigger.stop()` always finds it listening). Owns and closes both descriptors.
struct TriggerWatchLoop: Sendable {
  let directory: String
  let name: String
  let path: String
  let disposal: TriggerFileDisposal
  /// The inotify descriptor, or -1 once the directory is gone.
  var inotify: Int32
  let wake: Int32
  let handler: @Sendable (Result<TriggerAction, FileTriggerError>) -> Void
  /// Whether the file was there when the watch began (checked by `start()`, not by the thread:
  /// a file created after `start()` returned is left to its events, which come once its
  /// writer is done).
  let presentAtStart: Bool

  init(
    directory: String, name: String, path: String, disposal: TriggerFileDisposal,
    inotify: Int32, wake: Int32,
    handler: @escaping @Sendable (Result<TriggerAction, FileTriggerError>) -> Void
  ) {
    var status = stat()
    self.presentAtStart = lstat(path, &status) == 0
    self.directory = directory
    self.name = name
    self.path = path
    self.disposal = disposal
    self.inotify = inotify
    self.wake = wake
    self.handler = handler
  }

  mutating func run() {
    if presentAtStart { handleFile() }
    // inotify events are 16 bytes plus a name of at most NAME_MAX + 1 bytes, padded.
    var buffer = [UInt8](repeating: 0, count: 16 * (16 + Int(NAME_MAX) + 1))
    let target = Array(name.utf8)
    while true {
      var descriptors = [
        pollfd(fd: wake, events: Int16(POLLIN), revents: 0),
        pollfd(fd: inotify, events: Int16(POLLIN), revents: 0),
      ]
      let ready = poll(&descriptors, inotify >= 0 ? 2 : 1, -1)
      if ready < 0 {
        if errno == EINTR { continue }
        break
      }
      if descriptors[0].revents != 0 { break }  // The other end is closed: stop().
      if inotify >= 0 && descriptors[1].revents != 0 { readEvents(into: &buffer, target: target) }
    }
    if inotify >= 0 { close(inotify) }
    close(wake)
  }

  /// Reads and handles every queued inotify event.
  private mutating func readEvents(into buffer: inout [UInt8], target: [UInt8]) {
    while inotify >= 0 {
      let count = buffer.withUnsafeMutableBytes { read(inotify, $0.baseAddress, $0.count) }
      if count < 0 && errno == EINTR { continue }
      guard count > 0 else { return }  // EAGAIN: all read.
      var offset = 0
      while offset + 16 <= count && inotify >= 0 {
        let (mask, length) = buffer.withUnsafeBytes { bytes in
          (
            bytes.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self),
            Int(bytes.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
          )
        }
        let nameBytes = buffer[(offset + 16)..<min(count, offset + 16 + length)]
        let eventName = nameBytes.prefix(while: { $0 != 0 })
        offset += 16 + length
        handle(mask: mask, isTarget: eventName.elementsEqual(target))
      }
    }
  }

  private mutating func handle(mask: UInt32, isTarget: Bool) {
    if mask & UInt32(IN_Q_OVERFLOW) != 0 {
      // Events were lost: look at the file itself.
      if exists() { handleFile() }
      return
    }
    if mask & UInt32(IN_DELETE_SELF | IN_MOVE_SELF | IN_IGNORED | IN_UNMOUNT) != 0 {
      close(inotify)
      inotify = -1
      handler(.failure(.directoryGone(directory: directory)))
      return
    }
    guard isTarget else { return }
    if mask & UInt32(IN_CLOSE_WRITE | IN_MOVED_TO) != 0 {
      handleFile()
    } else if mask & UInt32(IN_CREATE) != 0 && !willBeClosedByAWriter() {
      handleFile()
    }
  }

  /// Whether the entry just created is a regular file with one link: created by an open()
  /// whose IN_CLOSE_WRITE is still to come. A symlink, a hard link or a directory gets none.
  private func willBeClosedByAWriter() -> Bool {
    var status = stat()
    guard lstat(path, &status) == 0 else { return true }  // Gone already: nothing to do.
    return status.st_mode & S_IFMT == S_IFREG && status.st_nlink == 1
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
