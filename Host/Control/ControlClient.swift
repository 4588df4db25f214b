import Glibc

/// Sends one command to a running host over its control socket: what `tradehost status`,
/// `tradehost pause` and scripts use.
///
/// `send` blocks the calling thread for up to `timeout` (connect, write, wait for the answer),
/// so call it from a command-line tool or a dedicated thread, not from a control handler of the
/// same host (it would wait for itself until the timeout) and not from the kernel's event loop.
/// Any thread may call it, several at once.
public enum ControlClient {
  /// The largest response accepted, in bytes: far above any real answer, it only stops a
  /// broken peer from filling memory.
  static let maximumResponseBytes = 16 << 20

  /// Connects to `socketPath`, sends `request`, and returns the host's response, which may be a
  /// failure (`ok == false`) such as an unknown command.
  ///
  /// Throws `notRunning` ("no TradeHost is running at ...") when no host listens there,
  /// `timedOut` when the whole exchange takes longer than `timeout`, `malformedResponse` or
  /// `connectionClosed` for a broken answer, `requestTooLarge` for a request over 64 KiB,
  /// `foreignServer` (before sending anything) when the process serving the socket runs as
  /// another user, and `pathTooLong`, `permissionDenied` or `systemCall` otherwise.
  public static func send(
    _ request: ControlRequest, to socketPath: String, timeout: Duration = .seconds(5)
  ) throws(ControlError) -> ControlResponse {
    let deadline = ContinuousClock.now + timeout
    let address = try UnixSocketAddress(path: socketPath)
    var line: [UInt8] = []
    request.wireValue.write(to: &line)
    guard line.count <= ControlSocket.maximumRequestBytes else {
      throw .requestTooLarge(bytes: line.count, limit: ControlSocket.maximumRequestBytes)
    }
    line.append(UInt8(ascii: "\n"))
    let descriptor = try SocketCalls.stream(nonBlocking: false, path: socketPath)
    defer { close(descriptor) }
    try connect(descriptor, to: address, path: socketPath, deadline: deadline, timeout: timeout)
    try PeerCredentials.requireServer(
      PeerCredentials.of(socket: descriptor), path: socketPath, user: currentUserID())
    try write(line, to: descriptor, path: socketPath, deadline: deadline, timeout: timeout)
    let answer = try readLine(
      from: descriptor, path: socketPath, deadline: deadline, timeout: timeout)
    do {
      return try ControlResponse(wireLine: answer)
    } catch {
      throw .malformedResponse(path: socketPath, problem: error.message)
    }
  }

  /// Connects, waiting at most until the deadline: a Unix-socket connect completes or fails at
  /// once unless the host's listen queue is full, and then it blocks for up to `SO_SNDTIMEO`,
  /// which is set to the time left. The socket is non-blocking afterwards.
  private static func connect(
    _ descriptor: Int32, to address: UnixSocketAddress, path: String,
    deadline: ContinuousClock.Instant, timeout: Duration
  ) throws(ControlError) {
    let left = deadline - .now
    guard left > .zero else { throw .timedOut(path: path, after: timeout) }
    let (seconds, attoseconds) = left.components
    var limit = timeval(
      tv_sec: Int(seconds), tv_usec: max(1, Int(attoseconds / 1_000_000_000_000)))
    _ = setsockopt(
      descriptor, SOL_SOCKET, SO_SNDTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
    guard SocketCalls.connect(descriptor, to: address) == 0 else {
      switch errno {
      case ENOENT, ECONNREFUSED, ENOTDIR: throw .notRunning(path: path)
      case EACCES, EPERM: throw .permissionDenied(path: path)
      case EAGAIN, EINPROGRESS: throw .timedOut(path: path, after: timeout)
      case let code: throw .systemCall(action: "connect to", path: path, errno: code)
      }
    }
    SocketCalls.setNonBlocking(descriptor, true)
  }

  private static func write(
    _ bytes: [UInt8], to descriptor: Int32, path: String,
    deadline: ContinuousClock.Instant, timeout: Duration
  ) throws(ControlError) {
    var offset = 0
    while offset < bytes.count {
      let sent = SocketCalls.sendSome(descriptor, bytes, from: offset)
      if sent >= 0 {
        offset += sent
        continue
      }
      switch errno {
      case EAGAIN, EWOULDBLOCK:
        guard SocketCalls.wait(descriptor, for: Int16(POLLOUT), until: deadline) != 0 else {
          throw .timedOut(path: path, after: timeout)
        }
      case EPIPE, ECONNRESET:
        throw .connectionClosed(path: path)
      case let code:
        throw .systemCall(action: "send a request to", path: path, errno: code)
      }
    }
  }

  /// Reads up to the first newline (or to the end of the stream, if the host closes without
  /// one) and returns the line without it.
  private static func readLine(
    from descriptor: Int32, path: String, deadline: ContinuousClock.Instant, timeout: Duration
  ) throws(ControlError) -> [UInt8] {
    var received: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 4096)
    while true {
      guard SocketCalls.wait(descriptor, for: Int16(POLLIN), until: deadline) != 0 else {
        throw .timedOut(path: path, after: timeout)
      }
      let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
      if count > 0 {
        let searchFrom = received.count
        received.append(contentsOf: chunk[..<count])
        if let newline = received[searchFrom...].firstIndex(of: UInt8(ascii: "\n")) {
          return Array(received[..<newline])
        }
        guard received.count <= maximumResponseBytes else {
          throw .malformedResponse(
            path: path, problem: "it is longer than \(maximumResponseBytes) bytes")
        }
        continue
      }
      if count == 0 || errno == ECONNRESET {
        if received.isEmpty { throw .connectionClosed(path: path) }
        return received
      }
      if errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR {
        throw .systemCall(action: "read the response from", path: path, errno: errno)
      }
    }
  }
}
