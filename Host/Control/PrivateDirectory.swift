import Glibc

/// A directory only its owner may change: the one that holds the control socket, and the paper
/// host's state folder (audit log, risk state, denial journal). Created private if missing,
/// refused if another user could have put something there or could replace a file in it.
///
/// Only the directory itself is checked, not its ancestors: with the default socket paths it is
/// `$XDG_RUNTIME_DIR/tradehost` or `/tmp/tradehost-<uid>`, which this module creates. `stat`
/// follows a symbolic link, so a link planted in `/tmp` that points at someone else's directory
/// is refused as "not yours". Runs on the thread that starts the server; blocks only on the
/// file system.
public enum PrivateDirectory {
  /// The directory part of a socket path: "." for a bare name, "/" for a file in the root.
  static func parent(of path: String) -> String {
    guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "." }
    if slash == path.utf8.startIndex { return "/" }
    return String(path[..<slash])
  }

  /// Creates `directory` (and any missing parent) with mode 0700 if it does not exist, then
  /// checks that it is a directory owned by the effective uid and not writable by group or
  /// others. The errors' descriptions speak of the control socket; other users of this
  /// function word their own (`notADirectory`, `directoryNotOwned`, `directoryTooOpen`).
  public static func prepare(_ directory: String) throws(ControlError) {
    var status = stat()
    if stat(directory, &status) != 0 {
      guard errno == ENOENT else {
        throw .systemCall(action: "inspect the directory", path: directory, errno: errno)
      }
      try create(directory)
      guard stat(directory, &status) == 0 else {
        throw .systemCall(action: "inspect the directory", path: directory, errno: errno)
      }
    }
    guard status.st_mode & S_IFMT == S_IFDIR else { throw .notADirectory(path: directory) }
    let user = currentUserID()
    guard status.st_uid == user else {
      throw .directoryNotOwned(path: directory, owner: status.st_uid, user: user)
    }
    guard status.st_mode & 0o022 == 0 else {
      throw .directoryTooOpen(path: directory, mode: status.st_mode & 0o7777)
    }
  }

  /// `mkdir -p` with mode 0700 for every directory it creates (the umask can only narrow that).
  private static func create(_ directory: String) throws(ControlError) {
    if mkdir(directory, 0o700) == 0 || errno == EEXIST { return }
    guard errno == ENOENT else {
      throw .systemCall(action: "create the directory", path: directory, errno: errno)
    }
    let parent = parent(of: directory)
    guard parent != directory else {
      throw .systemCall(action: "create the directory", path: directory, errno: ENOENT)
    }
    try create(parent)
    guard mkdir(directory, 0o700) == 0 || errno == EEXIST else {
      throw .systemCall(action: "create the directory", path: directory, errno: errno)
    }
  }
}
