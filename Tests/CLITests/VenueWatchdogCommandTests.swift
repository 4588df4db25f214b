import Foundation
import HostTestKit
import Testing

/// An exchange adapter whose call never returns (`fixture-venue` with the faults `spin_submit`
/// and `spin_market_event`, `make fixtures`) against the watchdog, in `run` and `backtest`: the
/// stall names the venue and its call (also when it is nested in a strategy's `on_bar`), a kill
/// halts and saves the account and cancels the venue's open order from the control side, and
/// SIGTERM or `tradehost stop` end the
/// host with status 3 although the kernel thread never returns. Every wait is bounded.
@Suite("watchdog against a hung exchange adapter")
struct VenueWatchdogCommandTests {
  static let plugins = RepositoryPaths.root + "/Tests/Fixtures/plugins"

  /// A fresh folder holding a run config that sends every instrument to `fixture-venue` with
  /// `fault`.
  static func folder(_ name: String, fault: String) throws -> String {
    let path = "/tmp/th-venue-watchdog-\(getpid())-\(name)"
    try? FileManager.default.removeItem(atPath: path)
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    try """
    manifests: [\(RepositoryPaths.root)/manifests, \(plugins)]
    slots: [{name: production, strategy: ema-cross}]
    venues:
      "*": {plugin: fixture-venue, parameters: {fault: \(fault)}}

    """.write(toFile: path + "/run.yaml", atomically: true, encoding: .utf8)
    return path
  }

  /// A paper host on `folder`'s config with a 300 ms deadline, once the watchdog reported
  /// `stuck`.
  static func host(_ folder: String, stuck: String) throws -> ChildProcess {
    let host = try ChildProcess([
      "run", "--config", folder + "/run.yaml", "--interval-ms", "5", "--report-every", "0",
      "--state-dir", folder, "--socket", folder + "/control.sock", "--no-watch",
      "--call-deadline-ms", "300", "--http", "none",
    ])
    #expect(host.waitForStderr("Ctrl-C stops", within: 30), "\(host.stderr)")
    #expect(
      host.waitForStderr("watchdog: \(stuck) has not returned", within: 30), "\(host.stderr)")
    return host
  }

  @Test("run: a hung on_market_event is named; kill halts and saves; stop exits with 3")
  func marketEventStuck() throws {
    let folder = try Self.folder("market", fault: "spin_market_event")
    let host = try Self.host(folder, stuck: "venue fixture-venue: on_market_event")
    let socket = folder + "/control.sock"
    let status = try CLI.run(["status", "--socket", socket])
    #expect(status.status == 0, "\(status.stderr)")
    #expect(
      status.stdout.contains("STUCK: the kernel thread is in venue fixture-venue: on_market_event"),
      "\(status.stdout)")
    let kill = try CLI.run(["kill", "--socket", socket])
    #expect(kill.status == 0, "\(kill.stderr)")
    #expect(kill.stdout.contains("kill was applied from the control side"), "\(kill.stdout)")
    // The order the venue holds (the stall began with it open) is cancelled at the venue from
    // the control side.
    #expect(
      kill.stdout.contains("fixture-venue: 1 open order: 1 cancelled at the venue"),
      "\(kill.stdout)")
    #expect(WatchdogCommandTests.savedAccount(folder)?["state"] as? String == "halted")
    let stop = try CLI.run(["stop", "--socket", socket])
    #expect(stop.status == 0, "\(stop.stderr)")
    #expect(stop.stdout.contains("exits (status 3)"), "\(stop.stdout)")
    #expect(host.waitForExit(within: 10) == 3, "\(host.stderr)")
    let records = WatchdogCommandTests.audit(folder)
    let actions = records.compactMap { $0["action"] as? String }
    #expect(actions.contains("overdue"))
    #expect(actions.contains("kill"))
    #expect(actions.contains("forced-stop"))
    let cancel = records.first { $0["action"] as? String == "venue-cancel" }
    #expect(cancel?["scope"] as? String == "venue fixture-venue", "\(String(describing: cancel))")
    let overdue = records.first { $0["action"] as? String == "overdue" }
    #expect(overdue?["scope"] as? String == "venue fixture-venue", "\(String(describing: overdue))")
  }

  @Test("run: a submit_order hung inside on_bar names the venue; SIGTERM ends the host with 3")
  func submitStuck() throws {
    let folder = try Self.folder("submit", fault: "spin_submit")
    let host = try Self.host(folder, stuck: "venue fixture-venue: submit_order")
    let json = try CLI.run(["status", "--socket", folder + "/control.sock", "--json"])
    #expect(
      json.stdout.contains("\"stuck_call\":\"venue fixture-venue: submit_order\""),
      "\(json.stdout)\n\(json.stderr)")
    host.process.terminate()
    #expect(host.waitForExit(within: 10) == 3, "\(host.stderr)")
    #expect(host.stderr.contains("stopping without the kernel thread"), "\(host.stderr)")
    let reason = WatchdogCommandTests.savedAccount(folder)?["reason"] as? String
    #expect(reason?.contains("positions were not closed") == true, "\(String(describing: reason))")
  }

  @Test("backtest: a hung venue is reported and the run abandoned with 3")
  func backtestStuck() throws {
    let folder = try Self.folder("backtest", fault: "spin_market_event")
    // Down 60 seconds, then up 60: the EMA cross buys on the way up, the venue holds the order,
    // and its next on_market_event never returns.
    var csv = "ts_utc,open,high,low,close,volume\n"
    for second in 0..<120 {
      let cents = 10_000 + (second < 60 ? -5 * second : -300 + 5 * (second - 60))
      let price = "\(cents / 100).\(String(format: "%02d", cents % 100))"
      csv += "2013-10-07T14:\(String(format: "%02d:%02d", second / 60, second % 60))Z,"
      csv += "\(price),\(price),\(price),\(price),10\n"
    }
    try csv.write(toFile: folder + "/bars.csv", atomically: true, encoding: .utf8)
    let config = try String(contentsOfFile: folder + "/run.yaml", encoding: .utf8)
    try
      (config + """
        data: [{path: bars.csv, instrument: SPY.ARCA}]
        host: {call_deadline_ms: 200}

        """).write(toFile: folder + "/run.yaml", atomically: true, encoding: .utf8)
    let run = try ChildProcess([
      "backtest", "--config", folder + "/run.yaml", "--no-cache", "--audit-log",
      folder + "/audit.jsonl",
    ])
    #expect(run.waitForExit(within: 30) == 3, "\(run.stderr)")
    #expect(
      run.stderr.contains("watchdog: venue fixture-venue: on_market_event has not returned after"),
      "\(run.stderr)")
    #expect(WatchdogCommandTests.audit(folder).first?["action"] as? String == "overdue")
  }
}
