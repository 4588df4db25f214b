import Glibc

/// What to do with a file already at the socket path. Called with the `SocketLock` held.
enum StaleSocket {
  /// Nothing there: fine. A socket nobody accepts on (connect gives ECONNREFUSED, as after a
  /// crash): removed. A socket a live server accepts on (or whose queue is full):
  /// `alreadyRunning`. Anything that is not a socket: `pathOccupied`, left alone.
  ///
  /// The probe connects without blocking; a live server sees a connection that closes without
  /// a request and drops it.
  static func removeIfStale(at path: String, address: UnixSocketAddress) throws(ControlError) {
    var status = stat()
    guard lstat(path, &status) == 0 else {
      if errno == ENOENT { return }
      throw .systemCall(action: "inspect", path: path, errno: errno)
    }
    guard status.st_mode & S_IFMT == S_IFSOCK else { throw .pathOccupied(path: path) }
    let probe = try SocketCalls.stream(nonBlocking: true, path: path)
    defer { close(probe) }
    if SocketCalls.connect(probe, to: address) == 0 { throw .alreadyRunning(path: path) }
    switch errno {
    case EAGAIN, EINPROGRESS:
      throw .alreadyRunning(path: path)
    case ECONNREFUSED:
      guard unlink(path) == 0 || errno == ENOENT else {
        throw .systemCall(action: "remove the stale socket", path: path, errno: errno)
      }
    case ENOENT:
      return
    case let code:
      throw .systemCall(action: "check the existing socket", path: path, errno: code)
    }
  }
}
