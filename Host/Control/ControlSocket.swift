/// Where the control socket lives, and the protocol's fixed limits.
///
/// Pure functions and constants: any thread, never blocks.
public enum ControlSocket {
  /// The longest request line the server reads, in bytes, without its newline (64 KiB). A
  /// longer line is answered with an error and the connection is closed.
  public static let maximumRequestBytes = 65_536

  /// The longest socket path, in UTF-8 bytes: `sun_path` holds 108 bytes on Linux, one of them
  /// the terminating NUL.
  public static let maximumPathBytes = 107

  /// The socket path a host listens on and a client connects to, when none is given:
  ///
  /// 1. `$TRADEHOST_SOCKET`, when set and not empty, used as it is;
  /// 2. else `$XDG_RUNTIME_DIR/tradehost/control.sock`, when `XDG_RUNTIME_DIR` is an absolute
  ///    path (the XDG spec says to ignore a relative one): a per-user directory that only the
  ///    user can enter and that is emptied at log-out;
  /// 3. else `/tmp/tradehost-<euid>/control.sock`, where `<euid>` is the effective uid.
  ///
  /// `environment` is usually `ProcessInfo.processInfo.environment`. The server creates a
  /// missing directory with mode 0700 and refuses one that another user could write to.
  public static func defaultPath(environment: [String: String]) -> String {
    defaultPath(environment: environment, userID: currentUserID())
  }

  /// `defaultPath(environment:)` for a given effective uid.
  static func defaultPath(environment: [String: String], userID: UInt32) -> String {
    if let explicit = environment["TRADEHOST_SOCKET"], !explicit.isEmpty {
      return explicit
    }
    if let runtime = environment["XDG_RUNTIME_DIR"], runtime.hasPrefix("/") {
      let base = runtime.hasSuffix("/") ? String(runtime.dropLast()) : runtime
      return "\(base)/tradehost/control.sock"
    }
    return "/tmp/tradehost-\(userID)/control.sock"
  }
}
