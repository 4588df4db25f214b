import Foundation
import HostTestKit
import Testing

/// The host's log: plugins' `TH_LOG_INFO` lines reach `tradehost.log` in the state folder, and
/// the console with `--log-level info`; the manifest search path with an id in two folders.
@Suite("tradehost run: logging and the manifest search path")
struct LoggingCommandTests {
  /// A folder holding the fixture strategy's manifest (its library by absolute path).
  private func pluginFolder(id: String = "fixture-good") throws -> TemporaryDirectory {
    let folder = try TemporaryDirectory()
    let text = try String(
      contentsOfFile: RepositoryPaths.fixtures + "/plugins/fixture-good.yaml", encoding: .utf8
    )
    .replacing("id: fixture-good", with: "id: \(id)")
    .replacing("../../../.build/fixtures", with: RepositoryPaths.fixtureLibraries)
    try text.write(toFile: folder.path + "/\(id).yaml", atomically: true, encoding: .utf8)
    return folder
  }

  /// `tradehost run` of the fixture strategy (it logs at info once per bar when it abuses
  /// the host table) from a second manifest folder.
  private func run(_ extra: [String], state: TemporaryDirectory, plugins: TemporaryDirectory)
    throws -> CLI.Output
  {
    try CLI.run(
      [
        "run", "--interval-ms", "0", "--bars", "3", "--report-every", "0", "--no-watch",
        "--socket", state.path + "/control.sock", "--state-dir", state.path,
        "--manifests", "manifests", "--manifests", plugins.path,
        "--strategy", "fixture-good", "--param", "abuse_host=true", "--risk-preset", "unlimited",
      ] + extra)
  }

  @Test("a plugin's info line goes to the log file, not the console, by default")
  func infoToFileByDefault() throws {
    let state = try TemporaryDirectory()
    let output = try run([], state: state, plugins: try pluginFolder())
    #expect(output.status == 0, "\(output.stderr)")
    #expect(!output.stderr.contains("every malformed call was refused"), "\(output.stderr)")
    let log = try String(contentsOfFile: state.path + "/tradehost.log", encoding: .utf8)
    #expect(
      log.contains(
        #/\d{4}-\d\d-\d\dT[0-9:.]+Z info plugin\[production\]: every malformed call was refused/#),
      "\(log)")
    // The host's own messages are in it too (the start line, a notice).
    #expect(log.contains(" notice tradehost: paper trading production"), "\(log)")
    let mode =
      try FileManager.default.attributesOfItem(atPath: state.path + "/tradehost.log")[
        .posixPermissions] as? Int
    #expect(mode == 0o600)
  }

  @Test("--log-level info shows it on the console; --log-level error keeps notices off both")
  func levels() throws {
    let plugins = try pluginFolder()
    let state = try TemporaryDirectory()
    let info = try run(["--log-level", "info"], state: state, plugins: plugins)
    #expect(info.status == 0, "\(info.stderr)")
    #expect(info.stderr.contains("[info] production: every malformed call was refused"))
    let quiet = try TemporaryDirectory()
    let errors = try run(["--log-level", "ERROR"], state: quiet, plugins: plugins)
    #expect(errors.status == 0, "\(errors.stderr)")
    #expect(!errors.stderr.contains("paper trading"), "\(errors.stderr)")
    let log = try String(contentsOfFile: quiet.path + "/tradehost.log", encoding: .utf8)
    #expect(!log.contains("malformed call was refused") && !log.contains("paper trading"))
    let bad = try run(["--log-level", "loud"], state: quiet, plugins: plugins)
    #expect(bad.status != 0)
    #expect(bad.stderr.contains("--log-level must be one of trace, debug, info"), "\(bad.stderr)")
  }

  @Test("an id in two manifest folders stops the run with both files named")
  func duplicateID() throws {
    let first = try pluginFolder()
    let second = try pluginFolder()
    let state = try TemporaryDirectory()
    let output = try CLI.run([
      "run", "--interval-ms", "0", "--bars", "3", "--no-watch",
      "--socket", state.path + "/control.sock", "--state-dir", state.path,
      "--manifests", first.path, "--manifests", second.path, "--strategy", "fixture-good",
    ])
    #expect(output.status == 2, "\(output.stderr)")
    #expect(output.stderr.contains("declared by 2 manifests"), "\(output.stderr)")
    #expect(output.stderr.contains(first.path + "/fixture-good.yaml"))
    #expect(output.stderr.contains(second.path + "/fixture-good.yaml"))
    let backtest = try CLI.run([
      "backtest", "--data",
      RepositoryPaths.sharedData + "/bars/spy_1d_trade_bars_19980102_20210331.csv",
      "--instrument", "SPY.ARCA", "--manifests", first.path, "--manifests", second.path,
      "--strategy", "fixture-good",
    ])
    #expect(backtest.status == 2, "\(backtest.stderr)")
    #expect(backtest.stderr.contains("declared by 2 manifests"), "\(backtest.stderr)")
  }
}
