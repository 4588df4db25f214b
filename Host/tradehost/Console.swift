import Foundation
import Glibc
import Synchronization

/// Standard error of the CLI. A running host's status line redraws in place when standard error
/// is a terminal (`isatty`), and is a plain line per report otherwise (logs, pipes, tests);
/// every other message first clears the status line, then redraws it below itself, so the two
/// never mix.
///
/// Thread-safe (a mutex around the line shown): the kernel thread draws the status, any thread
/// (control, watcher, signals) writes messages.
final class Console: Sendable {
  /// The process's standard error.
  static let standardError = Console(inPlace: isatty(STDERR_FILENO) == 1)

  private struct State {
    var inPlace: Bool
    /// The status line on screen (in place only).
    var shown: String?
  }

  private let state: Mutex<State>

  init(inPlace: Bool) {
    state = Mutex(State(inPlace: inPlace))
  }

  /// Shows a status line: redrawn over the previous one on a terminal, a new line otherwise.
  func status(_ line: String) {
    state.withLock { state in
      guard state.inPlace else {
        write(line + "\n")
        return
      }
      let fitted = Self.fit(line)
      write("\r\u{1B}[K" + fitted)
      state.shown = fitted
    }
  }

  /// Writes a message line (or, without `newline`, a fragment) above the status line.
  func message(_ text: String, newline: Bool = true) {
    state.withLock { state in
      guard state.inPlace, let shown = state.shown else {
        write(newline ? text + "\n" : text)
        return
      }
      write("\r\u{1B}[K" + text + (newline ? "\n" + shown : ""))
      if !newline { state.shown = nil }
    }
  }

  /// Ends an in-place status line with a newline (before a summary goes to standard output).
  func finishStatus() {
    state.withLock { state in
      if state.shown != nil { write("\n") }
      state.shown = nil
    }
  }

  private func write(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
  }

  /// The line cut to the terminal's width (a wrapped line cannot be redrawn in place).
  private static func fit(_ line: String) -> String {
    var size = winsize()
    guard ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 1 else { return line }
    let width = Int(size.ws_col) - 1
    return line.count <= width ? line : String(line.prefix(width - 1)) + "…"
  }
}
