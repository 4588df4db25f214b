import Foundation
import HostTestKit
import Testing

/// The kill switch end to end against a running host, one test per source the host listens to
/// itself: the control channel (`tradehost kill`), SIGUSR1 and the trigger file. (The GPIO
/// button is the fourth source: its logic is tested through a scripted line source in
/// KillSwitchTests and RiskTests; this machine has no GPIO chip.)
@Suite("kill switch sources against a running host")
struct KillSwitchCommandTests {
  /// A paper host whose fast EMAs trade at once, with its state in a folder of its own. Its
  /// stderr is read line by line: the host echoes every audit record there.
  final class Host {
    let folder: String
    let running: RunningHost
    var socket: String { running.socket }
    var process: Process { running.process }

    init(_ name: String) throws {
      folder = "/tmp/th-kill-\(getpid())-\(name)"
      try? FileManager.default.removeItem(atPath: folder)
      running = try RunningHost(
        socket: folder + "/control.sock",
        arguments: [
          "--interval-ms", "5", "--report-every", "0", "--state-dir", folder, "--param",
          "fast_period=2", "--param", "slow_period=3", "--on-stop", "keep",
        ])
    }

    func readUntil(_ text: String) -> String { running.readUntil(text) }

    func audit() -> [[String: Any]] {
      let text = (try? String(contentsOfFile: folder + "/audit.jsonl", encoding: .utf8)) ?? ""
      return text.split(separator: "\n").compactMap {
        try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
      }
    }

    func stop() throws -> String { try running.stop() }
  }

  /// Waits for the account to halt by `source`, checks the audit record and the status, then
  /// resumes.
  func expectKill(_ host: Host, source: String) throws {
    let echoed = host.readUntil("account state -> halted")
    #expect(echoed.contains("account kill"), "\(echoed)")
    let kills = host.audit().filter { $0["action"] as? String == "kill" }
    #expect(kills.last?["source"] as? String == source)
    #expect((kills.last?["values"] as? [String: String])?["policy"] == "flatten")
    let status = try CLI.run(["status", "--socket", host.socket, "--json"])
    #expect(status.stdout.contains("\"trading_state\":\"halted\""), "\(status.stdout)")
    #expect(status.stdout.contains("\"positions\":{}"), "\(status.stdout)")
    #expect(try CLI.run(["resume", "--socket", host.socket]).status == 0)
    _ = host.readUntil("account state -> active")
  }

  @Test("tradehost kill: orders cancelled, positions flat, account halted until resume")
  func operatorKill() throws {
    let host = try Host("operator")
    #expect(try CLI.run(["kill", "--socket", host.socket]).stdout == "kill queued for account\n")
    try expectKill(host, source: "operator")
    let summary = try host.stop()
    #expect(host.process.terminationStatus == 0)
    #expect(summary.contains("stopped after"))
  }

  @Test("SIGUSR1 kills")
  func signalKill() throws {
    let host = try Host("signal")
    kill(host.process.processIdentifier, SIGUSR1)
    try expectKill(host, source: "signal")
    _ = try host.stop()
    #expect(host.process.terminationStatus == 0)
  }

  @Test("the trigger file kills once per creation and is renamed to .done")
  func fileKill() throws {
    let host = try Host("file")
    let trigger = host.folder + "/trigger"
    #expect(FileManager.default.createFile(atPath: trigger, contents: Data("kill\n".utf8)))
    try expectKill(host, source: "file")
    #expect(FileManager.default.fileExists(atPath: trigger + ".done"))
    #expect(!FileManager.default.fileExists(atPath: trigger))
    _ = try host.stop()
  }

  @Test("a halt survives a restart: the saved state is restored until resume")
  func haltSurvivesRestart() throws {
    let first = try Host("restart")
    #expect(try CLI.run(["pause", "--socket", first.socket]).status == 0)
    _ = first.readUntil("account state -> paused")
    _ = try first.stop()
    // A new host on the same state folder starts paused.
    let again = Process()
    again.executableURL = URL(fileURLWithPath: CLI.executable)
    again.arguments = PinnedMarketStart.arguments([
      "run", "--interval-ms", "0", "--bars", "5", "--report-every", "0", "--socket",
      first.socket, "--state-dir", first.folder,
    ])
    again.currentDirectoryURL = URL(fileURLWithPath: RepositoryPaths.root)
    let out = ChildSpawn.pipe()
    again.standardOutput = out
    again.standardError = ChildSpawn.pipe()
    try ChildSpawn.run(again)
    CLI.killIfRunning(again)
    let summary = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    again.waitUntilExit()
    #expect(summary.contains("trading paused"), "\(summary)")
    let restored = first.audit().filter { $0["action"] as? String == "restore" }
    #expect(restored.first?["to"] as? String == "paused")
  }
}
