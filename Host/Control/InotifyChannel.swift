import Glibc

/// What a watch thread reads: an inotify descriptor watching some directories, and the read
/// end of a wake-up socket whose other end `InotifyThread.stop()` closes. The directory
/// watcher and the kill switch's file trigger share it.
///
///     let channel = try InotifyChannel.open(watching: [directory], mask: UInt32(IN_CLOSE_WRITE))
///     let thread = try channel.start { channel in
///       while case .events(let events) = channel.next(timeout: nil) { ... }
///     }
///     ...
///     thread.stop()
///
/// Threads: `open` and `start` run on the owner's thread (a few system calls each); `next`,
/// `stopWatching` and `removeWatch` only on the thread `start` runs, which owns the
/// descriptors from then on and closes them when its body returns.
public struct InotifyChannel: Sendable {
  /// The watch descriptor of each directory given to `open`, in the same order (a directory
  /// named twice, or by two paths, has the same one twice).
  public let watches: [Int32]
  /// The inotify descriptor (non-blocking, close-on-exec), or -1 after `stopWatching()`.
  private var inotify: Int32
  private let wakeReader: Int32
  /// Belongs to the `InotifyThread` that `start` returns; the thread never touches it.
  private let wakeWriter: Int32
  private var buffer: [UInt8]

  /// What `next` saw.
  public enum Wait: Sendable, Equatable {
    /// Records read from the inotify descriptor (one `read(2)`; the rest come at the next
    /// call). May be empty.
    case events([InotifyEvent])
    /// The timeout passed without an event.
    case quiet
    /// The wake-up socket was closed: `stop()` was called. The body should return.
    case stopped
  }

  private init(inotify: Int32, watches: [Int32], wake: (read: Int32, write: Int32)) {
    self.inotify = inotify
    self.watches = watches
    self.wakeReader = wake.read
    self.wakeWriter = wake.write
    self.buffer = [UInt8](repeating: 0, count: InotifyEvent.bufferSize(events: 16))
  }

  /// An inotify instance watching each of `directories` for `mask` (IN_ONLYDIR is added), and
  /// a wake-up socket pair. On failure everything made so far is closed again. The channel
  /// must then be passed to `start`, which takes over its descriptors.
  public static func open(
    watching directories: [String], mask: UInt32
  ) throws(InotifySetupError) -> InotifyChannel {
    let inotify = inotify_init1(Int32(IN_CLOEXEC | IN_NONBLOCK))
    guard inotify >= 0 else { throw .instance(errno: errno) }
    var watches: [Int32] = []
    for directory in directories {
      let watch = inotify_add_watch(inotify, directory, mask | UInt32(IN_ONLYDIR))
      guard watch >= 0 else {
        let code = errno
        Glibc.close(inotify)
        switch code {
        case ENOENT: throw .directoryMissing(directory)
        case ENOTDIR: throw .notADirectory(directory)
        default: throw .watch(directory: directory, errno: code)
        }
      }
      watches.append(watch)
    }
    guard let wake = SocketCalls.pair() else {
      let code = errno
      Glibc.close(inotify)
      throw .wakeChannel(errno: code)
    }
    return InotifyChannel(inotify: inotify, watches: watches, wake: wake)
  }

  /// Starts a thread that runs `body` with this channel, then closes the channel's
  /// descriptors. `body` should return once `next` says `.stopped` (it may return earlier;
  /// `stop()` still works then). On failure the descriptors are closed.
  public func start(
    _ body: @escaping @Sendable (inout InotifyChannel) -> Void
  ) throws(InotifySetupError) -> InotifyThread {
    let channel = self
    do throws(JoinableThread.StartError) {
      let thread = try JoinableThread.start {
        var running = channel
        body(&running)
        running.stopWatching()
        Glibc.close(running.wakeReader)
      }
      return InotifyThread(thread: thread, wake: wakeWriter)
    } catch {
      Glibc.close(inotify)
      Glibc.close(wakeReader)
      Glibc.close(wakeWriter)
      throw .thread(errno: error.code)
    }
  }

  /// Waits until `stop()` was called, inotify has events, or `timeout` (nil: no limit) passed
  /// without either. A stop wins over events that are ready at the same time. On the
  /// channel's thread; blocks in `poll`.
  public mutating func next(timeout: Duration?) -> Wait {
    let deadline = timeout.map { ContinuousClock.now + $0 }
    while true {
      var descriptors = [
        pollfd(fd: wakeReader, events: Int16(POLLIN), revents: 0),
        pollfd(fd: inotify, events: Int16(POLLIN), revents: 0),
      ]
      let milliseconds = deadline.map { ($0 - .now).pollMilliseconds } ?? -1
      let ready = poll(&descriptors, inotify >= 0 ? 2 : 1, milliseconds)
      if ready < 0 {
        if errno == EINTR { continue }
        return .stopped  // EFAULT, EINVAL, ENOMEM: nothing to wait on any more.
      }
      if descriptors[0].revents != 0 { return .stopped }
      if ready == 0 {
        if let deadline, ContinuousClock.now < deadline { continue }
        return .quiet
      }
      guard inotify >= 0, descriptors[1].revents != 0 else { continue }
      let count = buffer.withUnsafeMutableBytes { read(inotify, $0.baseAddress, $0.count) }
      if count > 0 {
        return .events(
          buffer.withUnsafeBytes { InotifyEvent.decode(.init(rebasing: $0[..<count])) })
      }
      // EINTR or EAGAIN (read by nobody else, but harmless): poll again.
    }
  }

  /// Closes the inotify descriptor, e.g. once the only watched directory is gone; `next`
  /// then waits for `stop()` alone. Idempotent.
  public mutating func stopWatching() {
    guard inotify >= 0 else { return }
    Glibc.close(inotify)
    inotify = -1
  }

  /// Ends the watch `watch` (its IN_IGNORED event follows). Nothing after `stopWatching()`.
  public func removeWatch(_ watch: Int32) {
    guard inotify >= 0 else { return }
    _ = inotify_rm_watch(inotify, watch)
  }
}
