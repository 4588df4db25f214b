import ArgumentParser
import Logging

/// `--log-level` (and, for a host with a state folder, `--log-file-mb`): the thresholds of
/// `HostLog`.
struct LogOptions: ParsableArguments {
  @Option(
    name: .long,
    help: ArgumentHelp(
      "What is logged, on the console and in the log file: trace, debug, info, notice, warning, error or critical (default: notice and up on the console, info and up in the file). Plugins' TH_LOG_* levels map to trace, debug, info, warning and error.",
      valueName: "level"))
  var logLevel: String?

  /// The level asked for, or nil for the defaults.
  var level: Logger.Level? {
    logLevel.flatMap { Logger.Level(rawValue: $0.lowercased()) }
  }

  func validate() throws {
    if let logLevel, Logger.Level(rawValue: logLevel.lowercased()) == nil {
      throw ValidationError(
        "--log-level must be one of \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")), not '\(logLevel)'"
      )
    }
  }
}
