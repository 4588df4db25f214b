/// Pins the start of a test's generated paper market.
///
/// `tradehost run` starts a generated market at the wall clock's now unless `--start` says
/// otherwise, and daily limits (orders per day, the daily loss) follow the market's clock: the
/// same seed traded from 20:00 crosses midnight and trades differently from the same seed traded
/// from 09:00. A test that compares two runs, or a run with a fixed expectation, must not depend
/// on the time of day it runs at, so every `run` the tests start goes through `arguments(_:)`.
public enum PinnedMarketStart {
  /// The market start the tests use: a Monday, midnight UTC.
  public static let text = "2024-03-04T00:00:00Z"

  /// `arguments` (a `tradehost` command line, without the executable) with `--start` added when
  /// it is a `run` of a generated market that is not paced in real time and names no start of
  /// its own; otherwise as given.
  public static func arguments(_ arguments: [String]) -> [String] {
    guard arguments.first == "run", !arguments.contains("--start"),
      !arguments.contains("--replay"), !realTime(arguments)
    else { return arguments }
    return arguments + ["--start", text]
  }

  /// Whether the command line paces one bar per bar's length of wall time (`--interval-ms`
  /// equal to `--bar-seconds` in milliseconds), the one case `--start` is refused.
  private static func realTime(_ arguments: [String]) -> Bool {
    let interval = value(of: "--interval-ms", in: arguments) ?? 200
    let bar = value(of: "--bar-seconds", in: arguments) ?? 60
    return interval == bar * 1000
  }

  private static func value(of option: String, in arguments: [String]) -> Int? {
    guard let index = arguments.lastIndex(of: option), index + 1 < arguments.count else {
      return nil
    }
    return Int(arguments[index + 1])
  }
}
