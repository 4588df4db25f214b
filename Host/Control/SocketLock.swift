import Glibc

/// An exclusive `flock` on `<socket path>.lock`, held while a server checks, replaces or removes
/// its socket file, so two hosts starting at once cannot both decide that the socket is stale
/// and unlink each other's. Released when the value goes away.
///
/// The lock file is created with mode 0600 and never deleted (deleting a lock file races with
/// its next user). Blocks until the lock is free: every holder keeps it for a few system calls.
/// A lock is per open file description, so two servers in one process exclude each other too.
struct SocketLock: ~Copyable {
  private let descriptor: Int32

  init(socketPath: String) throws(ControlError) {
    let path = socketPath + ".lock"
    let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
    guard descriptor >= 0 else {
      throw .systemCall(action: "open the lock file", path: path, errno: errno)
    }
    while flock(descriptor, LOCK_EX) != 0 {
      guard errno == EINTR else {
        let code = errno
        close(descriptor)
        throw .systemCall(action: "lock", path: path, errno: code)
      }
    }
    self.descriptor = descriptor
  }

  deinit {
    close(descriptor)
  }
}
