import Glibc

/// Thin wrappers over the socket calls the server and client share. Each returns the raw result
/// and leaves `errno` for the caller, or throws `ControlError.systemCall` where noted.
enum SocketCalls {
  /// A new AF_UNIX stream socket, close-on-exec, blocking or not.
  static func stream(nonBlocking: Bool, path: String) throws(ControlError) -> Int32 {
    var type = SOCK_STREAM.rawValue | SOCK_CLOEXEC.rawValue
    if nonBlocking { type |= SOCK_NONBLOCK.rawValue }
    let descriptor = socket(AF_UNIX, Int32(type), 0)
    guard descriptor >= 0 else {
      throw .systemCall(action: "create a socket for", path: path, errno: errno)
    }
    return descriptor
  }

  /// A connected pair of non-blocking, close-on-exec stream sockets: a wake-up channel for a
  /// thread that sits in `poll` or `read` (a pipe whose creation is atomic with close-on-exec;
  /// `pipe2` is not visible to Swift). Nil with `errno` set when it fails.
  static func pair() -> (read: Int32, write: Int32)? {
    var descriptors: [Int32] = [-1, -1]
    let type = SOCK_STREAM.rawValue | SOCK_CLOEXEC.rawValue | SOCK_NONBLOCK.rawValue
    guard socketpair(AF_UNIX, Int32(type), 0, &descriptors) == 0 else { return nil }
    return (descriptors[0], descriptors[1])
  }

  /// `connect`, retried on EINTR; 0 or -1 with `errno` set.
  static func connect(_ descriptor: Int32, to address: UnixSocketAddress) -> Int32 {
    while true {
      let result = address.withSocketAddress { Glibc.connect(descriptor, $0, $1) }
      if result == 0 || errno != EINTR { return result }
    }
  }

  /// Sets or clears `O_NONBLOCK`.
  static func setNonBlocking(_ descriptor: Int32, _ nonBlocking: Bool) {
    let flags = fcntl(descriptor, F_GETFL)
    guard flags >= 0 else { return }
    _ = fcntl(descriptor, F_SETFL, nonBlocking ? flags | O_NONBLOCK : flags & ~O_NONBLOCK)
  }

  /// Sends what it can of `bytes[offset...]` without blocking and without SIGPIPE
  /// (`MSG_NOSIGNAL`: a peer that has gone away is EPIPE, not the death of the process).
  /// Returns the count sent, or -1 with `errno` set (EAGAIN when the socket buffer is full).
  static func sendSome(_ descriptor: Int32, _ bytes: [UInt8], from offset: Int) -> Int {
    bytes.withUnsafeBytes { raw in
      while true {
        let sent = send(
          descriptor, raw.baseAddress! + offset, raw.count - offset,
          Int32(MSG_NOSIGNAL) | Int32(MSG_DONTWAIT))
        if sent >= 0 || errno != EINTR { return sent }
      }
    }
  }

  /// `poll` on one descriptor for `events`, retried on EINTR with the remaining time: the
  /// returned events, or 0 at `deadline`.
  static func wait(
    _ descriptor: Int32, for events: Int16, until deadline: ContinuousClock.Instant
  ) -> Int16 {
    while true {
      var entry = pollfd(fd: descriptor, events: events, revents: 0)
      let result = poll(&entry, 1, (deadline - .now).pollMilliseconds)
      if result > 0 { return entry.revents }
      if result == 0 && ContinuousClock.now >= deadline { return 0 }
      if result < 0 && errno != EINTR { return Int16(POLLERR) }
    }
  }
}
