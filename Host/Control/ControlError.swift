/// Why the control channel could not be set up or used. `description` is one sentence a person
/// can act on.
public enum ControlError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The socket path is empty or contains a NUL byte.
  case invalidPath(String)
  /// The socket path is longer than a Unix socket address can hold (`limit` bytes).
  case pathTooLong(path: String, limit: Int)
  /// The socket's directory exists but is not a directory.
  case notADirectory(path: String)
  /// The socket's directory belongs to another user.
  case directoryNotOwned(path: String, owner: UInt32, user: UInt32)
  /// The socket's directory is writable by its group or by others.
  case directoryTooOpen(path: String, mode: UInt32)
  /// Something that is not a socket occupies the socket path.
  case pathOccupied(path: String)
  /// A live server already answers on the socket path.
  case alreadyRunning(path: String)
  /// This `ControlServer` was started before; a server runs at most once.
  case alreadyStarted(path: String)
  /// Nothing listens on the socket path.
  case notRunning(path: String)
  /// The caller may not connect to the socket (it belongs to another user).
  case permissionDenied(path: String)
  /// The process serving the socket runs as another user (`owner` is nil when the kernel would
  /// not say who it is): the client refuses to send it anything.
  case foreignServer(path: String, owner: UInt32?, user: UInt32)
  /// The encoded request is longer than the protocol allows.
  case requestTooLarge(bytes: Int, limit: Int)
  /// The host did not answer within the client's timeout.
  case timedOut(path: String, after: Duration)
  /// The host closed the connection without answering.
  case connectionClosed(path: String)
  /// The host's answer is not a valid control response.
  case malformedResponse(path: String, problem: String)
  /// A system call failed: "could not <action> <path>: <strerror(errno)>".
  case systemCall(action: String, path: String, errno: Int32)

  public var description: String {
    switch self {
    case .invalidPath(let path):
      "\"\(path)\" is not a usable control socket path: it is empty or contains a NUL byte"
    case .pathTooLong(let path, let limit):
      "the control socket path \(path) is \(path.utf8.count) bytes long, but a Unix socket path "
        + "may have at most \(limit) bytes (set TRADEHOST_SOCKET to a shorter path)"
    case .notADirectory(let path):
      "\(path) is not a directory, so it cannot hold the control socket"
    case .directoryNotOwned(let path, let owner, let user):
      "refusing to put the control socket in \(path): it belongs to uid \(owner), "
        + "not to you (uid \(user))"
    case .directoryTooOpen(let path, let mode):
      "refusing to put the control socket in \(path): its mode \(Self.octal(mode)) lets "
        + "other users write to it (run `chmod go-w \(path)`)"
    case .pathOccupied(let path):
      "\(path) exists and is not a socket; refusing to replace it with the control socket"
    case .alreadyRunning(let path):
      "another host is already listening on \(path)"
    case .alreadyStarted(let path):
      "the control server on \(path) was already started; a server runs at most once"
    case .notRunning(let path):
      "no TradeHost is running at \(path) (start one with `tradehost run`)"
    case .permissionDenied(let path):
      "permission denied for the control socket \(path); it belongs to another user"
    case .foreignServer(let path, let owner?, let user):
      "refusing to use the control socket \(path): the process serving it runs as uid \(owner), "
        + "not as you (uid \(user)); another user may have planted it, so nothing was sent"
    case .foreignServer(let path, nil, let user):
      "refusing to use the control socket \(path): the kernel does not say which user serves it, "
        + "so it cannot be shown to be yours (uid \(user)); nothing was sent"
    case .requestTooLarge(let bytes, let limit):
      "the request is \(bytes) bytes long, but the control protocol allows at most \(limit)"
    case .timedOut(let path, let after):
      "the host at \(path) did not answer within \(after.spokenText)"
    case .connectionClosed(let path):
      "the host at \(path) closed the connection without answering"
    case .malformedResponse(let path, let problem):
      "the host at \(path) sent a malformed response: \(problem)"
    case .systemCall(let action, let path, let code):
      "could not \(action) \(path): \(SystemError.message(code))"
    }
  }

  private static func octal(_ mode: UInt32) -> String {
    let digits = String(mode & 0o7777, radix: 8)
    return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
  }
}
