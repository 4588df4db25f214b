import Foundation
import HostTestKit
import Testing

/// A strategy whose `on_bar` never returns (`fixture-spin`, `make fixtures`) against the
/// watchdog, in `run` and `backtest`: the stall is reported within the deadline, a kill halts
/// and saves the account from the control side, and SIGTERM or `tradehost stop` end the host
/// (exit status 3) although the kernel thread never returns. Every wait is bounded.
@Suite("watchdog against a hung strategy")
struct WatchdogCommandTests {
  static let manifests = "Tests/Fixtures/faults"

  static func folder(_ name: String) -> String {
    let path = "/tmp/th-watchdog-\(getpid())-\(name)"
    try? FileManager.default.removeItem(atPath: path)
    return path
  }

  /// A paper host running `fixture-spin` with a 300 ms deadline, its state in `folder`.
  static func host(_ folder: String) throws -> ChildProcess {
    let host = try ChildProcess([
      "run", "--strategy", "fixture-spin", "--manifests", manifests, "--interval-ms", "5",
      "--report-every", "0", "--state-dir", folder, "--socket", folder + "/control.sock",
      "--no-watch", "--call-deadline-ms", "300",
    ])
    #expect(host.waitForStderr("Ctrl-C stops", within: 30), "\(host.stderr)")
    #expect(
      host.waitForStderr("watchdog: slot production: on_bar has not returned", within: 30),
      "\(host.stderr)")
    return host
  }

  static func audit(_ folder: String) -> [[String: Any]] {
    let text = (try? String(contentsOfFile: folder + "/audit.jsonl", encoding: .utf8)) ?? ""
    return text.split(separator: "\n").compactMap {
      try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
    }
  }

  static func savedAccount(_ folder: String) -> [String: Any]? {
    guard let data = FileManager.default.contents(atPath: folder + "/risk-state.json"),
      let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
    else { return nil }
    return object["account"] as? [String: Any]
  }

  @Test("run: status shows the stall, kill halts and saves the account, stop exits with 3")
  func killAndStopWhileStuck() throws {
    let folder = Self.folder("stop")
    let host = try Self.host(folder)
    let socket = folder + "/control.sock"
    let status = try CLI.run(["status", "--socket", socket])
    #expect(status.status == 0)
    #expect(status.stdout.contains("STUCK: the kernel thread is in slot production: on_bar"), "\(status.stdout)")
    let json = try CLI.run(["status", "--socket", socket, "--json"])
    #expect(json.stdout.contains("\"stuck_call\":\"slot production: on_bar\""), "\(json.stdout)")
    #expect(json.stdout.contains("\"mapped_images\":1,"), "\(json.stdout)")
    #expect(status.stdout.contains("plugin images mapped: 1 ("), "\(status.stdout)")
    let kill = try CLI.run(["kill", "--socket", socket])
    #expect(kill.status == 0, "\(kill.stderr)")
    #expect(kill.stdout.contains("kill was applied from the control side"), "\(kill.stdout)")
    #expect(kill.stdout.contains("simulator: its working orders cannot fill"), "\(kill.stdout)")
    #expect(Self.savedAccount(folder)?["state"] as? String == "halted")
    let stop = try CLI.run(["stop", "--socket", socket])
    #expect(stop.status == 0)
    #expect(stop.stdout.contains("exits (status 3)"), "\(stop.stdout)")
    #expect(host.waitForExit(within: 10) == 3, "\(host.stderr)")
    let actions = Self.audit(folder).compactMap { $0["action"] as? String }
    #expect(actions.contains("overdue"))
    #expect(actions.contains("kill"))
    #expect(actions.contains("forced-stop"))
    #expect(Self.savedAccount(folder)?["state"] as? String == "halted")
  }

  @Test("run: SIGUSR1 kills from the control side and SIGTERM ends the stuck host with 3")
  func signalsWhileStuck() throws {
    let folder = Self.folder("sigterm")
    let host = try Self.host(folder)
    kill(host.process.processIdentifier, SIGUSR1)
    #expect(host.waitForStderr("kill (SIGUSR1): the kernel thread is stuck", within: 10), "\(host.stderr)")
    #expect(Self.savedAccount(folder)?["source"] as? String == "signal")
    host.process.terminate()
    #expect(host.waitForExit(within: 10) == 3, "\(host.stderr)")
    #expect(host.stderr.contains("stopping without the kernel thread"), "\(host.stderr)")
    #expect(Self.savedAccount(folder)?["state"] as? String == "halted")
  }

  @Test("run: a stuck host stopped without a kill restarts halted")
  func restartAfterForcedStop() throws {
    let folder = Self.folder("restart")
    let host = try Self.host(folder)
    host.process.terminate()
    #expect(host.waitForExit(within: 10) == 3, "\(host.stderr)")
    let reason = Self.savedAccount(folder)?["reason"] as? String
    #expect(reason?.contains("positions were not closed") == true, "\(String(describing: reason))")
    // The next start keeps the account halted: its first order is denied, not sent.
    let again = try ChildProcess([
      "run", "--strategy", "fixture-good", "--manifests", "Tests/Fixtures/plugins",
      "--interval-ms", "1", "--bars", "20", "--report-every", "0", "--state-dir", folder,
      "--socket", folder + "/control.sock", "--no-watch",
    ])
    #expect(again.waitForExit(within: 30) == 0, "\(again.stderr)")
    #expect(again.stdout.contains("trading halted"), "\(again.stdout)")
    #expect(again.stdout.contains("orders 0"), "\(again.stdout)")
  }

  @Test("backtest: a hung strategy is reported and the run abandoned with 3 (run-config deadline)")
  func backtestStuck() throws {
    let folder = Self.folder("backtest")
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let data = folder + "/bars.csv"
    try """
    ts_utc,open,high,low,close,volume
    2013-10-07T14:00:00Z,100.00,100.00,100.00,100.00,10
    2013-10-07T14:00:01Z,100.01,100.01,100.01,100.01,10
    2013-10-07T14:00:02Z,100.02,100.02,100.02,100.02,10

    """.write(toFile: data, atomically: true, encoding: .utf8)
    let config = folder + "/run.yaml"
    try """
    data: [{path: bars.csv, instrument: SPY.ARCA}]
    slots: [{name: hung, strategy: fixture-spin}]
    manifests: \(RepositoryPaths.root)/\(Self.manifests)
    host: {call_deadline_ms: 200}

    """.write(toFile: config, atomically: true, encoding: .utf8)
    let run = try ChildProcess([
      "backtest", "--config", config, "--no-cache", "--audit-log", folder + "/audit.jsonl",
    ])
    #expect(run.waitForExit(within: 30) == 3, "\(run.stderr)")
    #expect(
      run.stderr.contains("watchdog: slot hung: on_bar has not returned after"), "\(run.stderr)")
    #expect(run.stderr.contains("(deadline 200 ms)"), "\(run.stderr)")
    #expect(Self.audit(folder).first?["action"] as? String == "overdue")
    let bad = try CLI.run(["backtest", "--config", config, "--call-deadline-ms", "0"])
    #expect(bad.status == 2)
    #expect(bad.stderr.contains("--call-deadline-ms must be between 1 and 3600000"))
  }
}
