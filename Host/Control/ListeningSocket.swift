import Glibc

/// The bound and listening control socket, and the identity of its file.
///
/// `open(path:)` runs on the thread that calls `ControlServer.start()`; `close()` runs once, on
/// the server thread as it exits. A plain value of integers and a string, so it is Sendable;
/// the descriptor is used by one thread at a time (the opener, then the server thread).
struct ListeningSocket: Sendable {
  /// The listening descriptor: non-blocking, close-on-exec.
  let descriptor: Int32
  /// The socket file's path.
  let path: String
  /// The socket file's device and inode, so `close()` removes only the file this server made.
  private let device: UInt
  private let inode: UInt

  /// How many connections the kernel queues before the server thread accepts them.
  static let backlog: Int32 = 16

  private init(descriptor: Int32, path: String, device: UInt, inode: UInt) {
    self.descriptor = descriptor
    self.path = path
    self.device = device
    self.inode = inode
  }

  /// Prepares the directory, replaces a stale socket (or refuses a live one or a non-socket),
  /// then binds with mode 0600 and listens.
  ///
  /// The mode is umask-proof and in place before anyone can connect: `fchmod` on the unbound
  /// socket sets the mode Linux gives the file at `bind` (less the umask, which can only narrow
  /// it), `chmod` after `bind` pins it at exactly 0600, and it is checked before `listen`;
  /// until `listen` every connection attempt is refused anyway.
  static func open(path: String) throws(ControlError) -> ListeningSocket {
    let address = try UnixSocketAddress(path: path)
    try PrivateDirectory.prepare(PrivateDirectory.parent(of: path))
    let lock = try SocketLock(socketPath: path)
    try StaleSocket.removeIfStale(at: path, address: address)
    let descriptor = try SocketCalls.stream(nonBlocking: true, path: path)
    do throws(ControlError) {
      let socket = try bindAndListen(descriptor, path: path, address: address)
      _ = consume lock
      return socket
    } catch {
      Glibc.close(descriptor)
      throw error
    }
  }

  private static func bindAndListen(
    _ descriptor: Int32, path: String, address: UnixSocketAddress
  ) throws(ControlError) -> ListeningSocket {
    guard fchmod(descriptor, 0o600) == 0 else {
      throw .systemCall(action: "set the mode of the socket for", path: path, errno: errno)
    }
    guard address.withSocketAddress({ bind(descriptor, $0, $1) }) == 0 else {
      if errno == EADDRINUSE { throw .alreadyRunning(path: path) }
      throw .systemCall(action: "bind a socket to", path: path, errno: errno)
    }
    var status = stat()
    guard chmod(path, 0o600) == 0, lstat(path, &status) == 0 else {
      let code = errno
      unlink(path)
      throw .systemCall(action: "set the mode of", path: path, errno: code)
    }
    guard status.st_mode & S_IFMT == S_IFSOCK, status.st_mode & 0o777 == 0o600 else {
      unlink(path)
      throw .systemCall(action: "make private", path: path, errno: EPERM)
    }
    guard listen(descriptor, backlog) == 0 else {
      let code = errno
      unlink(path)
      throw .systemCall(action: "listen on", path: path, errno: code)
    }
    return ListeningSocket(
      descriptor: descriptor, path: path, device: status.st_dev, inode: status.st_ino)
  }

  /// Closes the descriptor, then removes the socket file unless another server has replaced it
  /// in the meantime (under the lock, so a host starting now is not disturbed).
  func close() {
    Glibc.close(descriptor)
    let lock = try? SocketLock(socketPath: path)
    var status = stat()
    if lstat(path, &status) == 0, status.st_dev == device, status.st_ino == inode {
      unlink(path)
    }
    _ = consume lock
  }
}
