import Glibc

/// Text for `errno` values.
public enum SystemError {
  /// `strerror(code)`, e.g. "Permission denied". glibc's `strerror` is thread-safe (2.32 and
  /// later: an unknown code is formatted into a thread-local buffer).
  public static func message(_ code: Int32) -> String {
    guard let text = strerror(code) else { return "error \(code)" }
    return String(cString: text)
  }
}
