import Foundation
import Kernel
import Logging
import Risk
import Synchronization

/// Where the host's messages and the plugins' log lines go: every record passes through
/// `apple/swift-log` (`Logger`, handled by `HostLogHandler`) to two outputs, each with its own
/// threshold:
/// - the console (standard error, above a running host's status line): `notice` and up by
///   default, so plugins' `TH_LOG_INFO` lines stay off the terminal unless asked for;
/// - the log file (`tradehost.log` in the state folder of `tradehost run`, rotated like the
///   denial journal): `info` and up by default.
///
/// `--log-level LEVEL` sets both thresholds to LEVEL. Until `configure` is called (every
/// command but `run` and `backtest`), the console shows `notice` and up and there is no file.
///
/// Thread-safe: any thread logs (kernel, control, watcher, signals); a mutex orders the
/// outputs, so a record is one line on each, never interleaved.
final class HostLog: Sendable {
  /// The process's log.
  static let shared = HostLog()

  /// The thresholds and the file.
  private struct Outputs {
    var consoleLevel: Logger.Level = .notice
    var fileLevel: Logger.Level = .info
    var file: RotatingFile?
    /// Records the file refused (a full disk): counted, said once on the console.
    var fileFailures = 0
  }

  private let outputs = Mutex(Outputs())
  /// The console records go to (standard error unless a test replaces it).
  private let console: @Sendable (String) -> Void

  init(console: @escaping @Sendable (String) -> Void = { Console.standardError.message($0) }) {
    self.console = console
  }

  /// The default size of `tradehost.log` before it is rotated, in MiB.
  static let defaultFileLimitMiB = 16

  /// Sets the thresholds (`level` nil: `notice` on the console, `info` in the file) and opens
  /// the log file, if any (appended to; rotated past `fileLimit` bytes, one `.1` kept).
  func configure(level: Logger.Level?, file path: String?, fileLimit: Int) throws(RiskError) {
    // The file is opened under the lock: it then belongs to the outputs alone.
    let failure: RiskError? = outputs.withLock { outputs in
      do throws(RiskError) {
        outputs.file = try path.map { path throws(RiskError) in
          try RotatingFile(path: path, what: "log file", limit: fileLimit)
        }
      } catch {
        return error
      }
      outputs.consoleLevel = level ?? .notice
      outputs.fileLevel = level ?? .info
      return nil
    }
    if let failure { throw failure }
  }

  /// The lowest level either output takes (a `Logger` skips formatting below it).
  var threshold: Logger.Level {
    outputs.withLock { min($0.consoleLevel, $0.file == nil ? .critical : $0.fileLevel) }
  }

  /// A logger whose records go to this log. `label` names the source (`tradehost` for the
  /// host's own messages).
  func logger(_ label: String) -> Logger {
    Logger(label: label) { label in HostLogHandler(label: label, log: self) }
  }

  /// The host's own messages.
  static let host = shared.logger("tradehost")
  /// Plugin and kernel lines (`source` metadata: the plugin, slot or venue).
  static let plugins = shared.logger("plugin")

  /// A kernel log sink that sends plugin and kernel lines (`TH_LOG_*` levels) through
  /// `HostLog.plugins`, `source` as metadata.
  static let kernelSink: KernelLogSink = { level, source, message in
    plugins.log(level: HostLog.level(th: level), "\(message)", metadata: ["source": "\(source)"])
  }

  /// The swift-log level of a `TH_LOG_*` level (0 trace ... 4 error; out of range: the
  /// nearest).
  static func level(th: Int32) -> Logger.Level {
    switch th {
    case ..<1: .trace
    case 1: .debug
    case 2: .info
    case 3: .warning
    default: .error
    }
  }

  /// Writes one record to the outputs whose threshold it meets. The host's own messages read
  /// on the console as they always did (the text alone); other sources as
  /// `[level] source: message`. The file has one line per record: time (UTC), level, label,
  /// source and the message, with line breaks escaped.
  func write(
    level: Logger.Level, label: String, source: String?, message: String, time: Date = Date()
  ) {
    outputs.withLock { outputs in
      if level >= outputs.consoleLevel {
        console(
          label == "tradehost" && source == nil
            ? message : "[\(level)] \(source ?? label): \(message)")
      }
      guard level >= outputs.fileLevel, let file = outputs.file else { return }
      let line =
        "\(Self.timestamp(time)) \(level) \(label)\(source.map { "[\($0)]" } ?? ""): "
        + Self.oneLine(message) + "\n"
      if let error = file.append(line, sync: false) {
        outputs.fileFailures += 1
        if outputs.fileFailures == 1 {
          console("log file: \(error) (records are lost until it can be written)")
        }
      } else if outputs.fileFailures > 0 {
        console("log file: writable again after \(outputs.fileFailures) lost records")
        outputs.fileFailures = 0
      }
    }
  }

  /// `2026-12-05T06:01:02.123Z`.
  static func timestamp(_ time: Date) -> String {
    time.formatted(
      Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt))
  }

  /// The message on one line: `\n`, `\r` and `\\` escaped.
  static func oneLine(_ text: String) -> String {
    guard text.contains(where: { $0 == "\n" || $0 == "\r" || $0 == "\\" }) else { return text }
    return text.replacing("\\", with: "\\\\").replacing("\n", with: "\\n").replacing(
      "\r", with: "\\r")
  }
}
