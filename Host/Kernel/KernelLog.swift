import Glibc

/// Where plugin and kernel log lines go: `(level, source, message)` with `TH_LOG_*` levels.
/// May be called from any thread; must not block for long.
public typealias KernelLogSink =
  @Sendable (_ level: Int32, _ source: String, _ message: String) -> Void

/// Standard log sinks.
public enum KernelLog {
  /// Warnings and errors to standard error, one line each.
  public static let standardError: KernelLogSink = { level, source, message in
    guard level >= 3 else { return }
    let tag = level >= 4 ? "error" : "warning"
    var line = "[\(tag)] \(source): \(message)\n"
    line.withUTF8 { bytes in _ = write(2, bytes.baseAddress, bytes.count) }
  }

  /// Drops everything.
  public static let discard: KernelLogSink = { _, _, _ in }
}
