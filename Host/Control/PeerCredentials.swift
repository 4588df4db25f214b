import Glibc

/// Who is on the other end of a connected Unix socket, as the kernel saw them at `connect`
/// (`SO_PEERCRED`): it cannot be forged by the peer.
///
/// The control channel trusts only one user, on both ends: the server checks every accepted
/// connection with `isAllowed(peerUID:serverUID:)` before a byte of it is read, and the client
/// checks the server with `requireServer(_:path:user:)` before it sends a byte (a socket planted
/// by another user must not receive a `kill`, nor answer one). Any thread; never blocks.
public struct PeerCredentials: Sendable, Equatable {
  /// The peer's process id.
  public let processID: Int32
  /// The peer's effective user id.
  public let userID: UInt32
  /// The peer's effective group id.
  public let groupID: UInt32

  /// Credentials as given, e.g. to compare with what `of(socket:)` read.
  public init(processID: Int32, userID: UInt32, groupID: UInt32) {
    self.processID = processID
    self.userID = userID
    self.groupID = groupID
  }

  /// The credentials of the peer of a connected AF_UNIX socket, or nil if the kernel will not
  /// say (not a Unix socket, not connected).
  public static func of(socket descriptor: Int32) -> PeerCredentials? {
    // Linux `struct ucred { pid_t pid; uid_t uid; gid_t gid; }`: three 32-bit fields. Glibc
    // hides the struct behind _GNU_SOURCE, so it is read as three UInt32 here.
    var fields: (UInt32, UInt32, UInt32) = (0, 0, 0)
    var length = socklen_t(MemoryLayout.size(ofValue: fields))
    guard getsockopt(descriptor, SOL_SOCKET, SO_PEERCRED, &fields, &length) == 0,
      length == socklen_t(MemoryLayout.size(ofValue: fields))
    else { return nil }
    return PeerCredentials(
      processID: Int32(bitPattern: fields.0), userID: fields.1, groupID: fields.2)
  }

  /// Whether a peer may use the control socket: exactly when it runs as the server's user.
  /// Root gets no exception (a root client can `su` to the user), so a single rule decides.
  public static func isAllowed(peerUID: UInt32, serverUID: UInt32) -> Bool {
    peerUID == serverUID
  }

  /// The client's side of the rule: returns when `server` (the peer of a connected client
  /// socket, as `of(socket:)` read it; the kernel records the server's credentials when it
  /// called `listen`) runs as `user`, and throws `foreignServer` otherwise, also when the
  /// credentials are unknown.
  public static func requireServer(
    _ server: PeerCredentials?, path: String, user: UInt32
  ) throws(ControlError) {
    guard let server, isAllowed(peerUID: server.userID, serverUID: user) else {
      throw .foreignServer(path: path, owner: server?.userID, user: user)
    }
  }
}
