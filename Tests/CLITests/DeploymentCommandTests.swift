import Foundation
import HostTestKit
import Testing

/// Hot reload, promotion and rollback against a running paper host: the folder watcher, and the
/// `slots`, `reload`, `promote`, `rollback` and `role` commands over the control channel.
@Suite("slot deployments against a running host")
struct DeploymentCommandTests {
  /// A paper host running two probe slots (production and a 5% canary) from a manifest folder
  /// of its own, watched for changes.
  final class Host {
    let folder: TemporaryDirectory
    let running: RunningHost

    /// The default run config: two slots, no rules, no `on_change`.
    static func slots(_ folder: String) -> String {
      """
      manifests: \(folder)
      risk: {preset: unlimited}
      slots:
        - {name: production, strategy: reload-probe}
        - {name: canary, strategy: reload-probe, role: canary, share: 5%, parameters: {trade_every: 2}}
      """
    }

    init(config: (String) -> String = Host.slots) throws {
      folder = try TemporaryDirectory(prefix: "th-deploy")
      try ProbePlugin.build(in: folder.path, version: "1.0.0", stateVersion: 1)
      let config = config(folder.path)
      try config.write(toFile: folder.path + "/run.yml.txt", atomically: true, encoding: .utf8)
      running = try RunningHost(
        socket: folder.path + "/control.sock",
        arguments: [
          "--config", folder.path + "/run.yml.txt", "--interval-ms", "5", "--report-every", "0",
          "--state-dir", folder.path + "/state", "--on-stop", "keep",
        ])
    }

    func readUntil(_ text: String) -> String { running.readUntil(text) }

    func command(_ arguments: [String]) throws -> CLI.Output { try running.command(arguments) }

    /// `tradehost slots --json`, as objects by slot name.
    func slots() throws -> [String: [String: Any]] {
      let output = try command(["slots", "--json"])
      let json = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any]
      var byName: [String: [String: Any]] = [:]
      for slot in json?["slots"] as? [[String: Any]] ?? [] {
        byName[slot["name"] as? String ?? ""] = slot
      }
      return byName
    }

    func stop() throws { _ = try running.stop() }
  }

  @Test(
    "A new version written to the watched folder goes to the canary only (the default with a canary); production keeps its version; rollback returns"
  )
  func watcherReloadsTheCanary() throws {
    let host = try Host()
    defer { try? host.stop() }
    #expect(try host.slots()["production"]?["version"] as? String == "1.0.0")
    try ProbePlugin.build(in: host.folder.path, version: "1.1.0", stateVersion: 1)
    let routed = host.readUntil("slot canary reload -> 1.1.0")
    #expect(routed.contains("slot canary route"), "\(routed)")
    #expect(routed.contains("no on_change: canary by default"), "\(routed)")
    #expect(!routed.contains("slot production reload"), "\(routed)")
    var slots = try host.slots()
    #expect(slots["production"]?["version"] as? String == "1.0.0")
    #expect(slots["canary"]?["version"] as? String == "1.1.0")
    #expect(slots["canary"]?["previous_version"] as? String == "1.0.0")
    let rollback = try host.command(["rollback", "canary"])
    #expect(rollback.status == 0)
    #expect(rollback.stdout.contains("rollback canary: by hand; state handed over"))
    slots = try host.slots()
    #expect(slots["canary"]?["version"] as? String == "1.0.0")
    #expect(slots["production"]?["version"] as? String == "1.0.0")
  }

  @Test(
    "From a file copy to production: the canary gets the new version, its rule promotes it; the next bad version goes to the canary again and its rule rolls it back"
  )
  func dropInCanaryFlow() throws {
    let host = try Host { folder in
      """
      manifests: \(folder)
      risk: {preset: unlimited}
      deployment: {stats_interval: 1m, check_interval: 1m, on_change: {reload-probe: canary}}
      slots:
        - {name: production, strategy: reload-probe, parameters: {trade_every: 2}}
        - name: canary
          strategy: reload-probe
          role: canary
          share: 5%
          parameters: {trade_every: 2}
          promote: {min_trades: 3, sharpe_margin: 100}
          rollback: {max_errors: 0, on_limit_breach: false}
      """
    }
    defer { try? host.stop() }
    // The canary runs production's version: nothing to promote (the rule says so from its
    // first check, one bar after the start).
    var waiting = ""
    for _ in 0..<200 where !waiting.contains("promotion:") {
      waiting = try host.command(["slots"]).stdout
    }
    #expect(waiting.contains("nothing to promote: production runs this version"), "\(waiting)")

    // A new version is copied in: the canary loads it, trades its trial, and is promoted.
    let staging = try TemporaryDirectory(prefix: "th-stage")
    try ProbePlugin.build(in: staging.path, version: "1.1.0", stateVersion: 1)
    try copyVersion(from: staging.path, to: host.folder.path)
    let promoted = host.readUntil("slot canary promote -> production")
    #expect(promoted.contains("watch: reload-probe changed on disk"), "\(promoted)")
    #expect(promoted.contains("slot canary route"), "\(promoted)")
    #expect(promoted.contains("(on_change: canary)"), "\(promoted)")
    #expect(promoted.contains("production keeps production 1.0.0 until a promotion"))
    #expect(promoted.contains("slot canary reload -> 1.1.0"), "\(promoted)")
    #expect(!promoted.contains("slot production reload"), "\(promoted)")
    var slots = try host.slots()
    #expect(slots["production"]?["version"] as? String == "1.1.0")
    #expect(slots["canary"]?["retired"] as? Bool == true)

    // A version that fails on every bar: the retired canary comes back for it, and its
    // rollback rule retires it again; production never runs it.
    let broken = try TemporaryDirectory(prefix: "th-stage")
    try ProbePlugin.build(
      in: broken.path, version: "1.2.0", stateVersion: 1, failsAfter: 0)
    try copyVersion(from: broken.path, to: host.folder.path)
    let rolledBack = host.readUntil("slot canary rollback -> retired")
    #expect(rolledBack.contains("which comes back from retirement"), "\(rolledBack)")
    #expect(rolledBack.contains("slot canary reload -> 1.2.0"), "\(rolledBack)")
    #expect(rolledBack.contains("more errors than the rollback rule allows"), "\(rolledBack)")
    #expect(!rolledBack.contains("slot production reload"), "\(rolledBack)")
    slots = try host.slots()
    #expect(slots["production"]?["version"] as? String == "1.1.0")
    #expect(slots["canary"]?["retired"] as? Bool == true)
    let table = try host.command(["slots"])
    #expect(table.stdout.contains("rollback canary: rule:"), "\(table.stdout)")
    let audit = try String(contentsOfFile: host.folder.path + "/state/audit.jsonl", encoding: .utf8)
    for action in ["route", "reload", "promote", "rollback"] {
      #expect(audit.contains("\"action\":\"\(action)\""), "\(action)")
    }
    #expect(audit.contains("\"source\":\"watcher\""))
    #expect(audit.contains("\"source\":\"rule\""))
  }

  /// Copies a built probe (library first, then its manifest renamed into place) into the
  /// watched folder, as an operator dropping in a new version would.
  private func copyVersion(from staging: String, to folder: String) throws {
    let files = try FileManager.default.contentsOfDirectory(atPath: staging)
    for library in files where library.hasSuffix(".so") {
      try FileManager.default.copyItem(atPath: staging + "/" + library, toPath: folder + "/" + library)
    }
    try FileManager.default.copyItem(
      atPath: staging + "/reload-probe.yaml", toPath: folder + "/reload-probe.yaml.new")
    guard rename(folder + "/reload-probe.yaml.new", folder + "/reload-probe.yaml") == 0 else {
      throw POSIXError(.EIO)
    }
  }

  @Test("reload, promote, role and their refusals by command")
  func commands() throws {
    let host = try Host()
    defer { try? host.stop() }
    let unknown = try host.command(["reload", "no-such-plugin"])
    #expect(unknown.status == 1)
    #expect(unknown.stderr.contains("no live slot runs this plugin"))
    let reload = try host.command(["reload", "reload-probe", "--slot", "canary"])
    #expect(reload.status == 0, "\(reload.stderr)")
    #expect(reload.stdout.contains("reload canary: new version running"))
    let role = try host.command(["role", "canary", "shadow"])
    #expect(role.status == 1)
    #expect(role.stderr.contains("cannot move into shadow"))
    let promote = try host.command(["promote", "canary"])
    #expect(promote.status == 0, "\(promote.stderr)")
    #expect(promote.stdout.contains("now runs in production"))
    let slots = try host.slots()
    #expect(slots["canary"]?["retired"] as? Bool == true)
    let table = try host.command(["slots"])
    #expect(table.stdout.contains("retired"))
    let audit = try String(contentsOfFile: host.folder.path + "/state/audit.jsonl", encoding: .utf8)
    #expect(audit.contains("\"action\":\"promote\""))
    #expect(audit.contains("\"source\":\"operator\""))
  }

  @Test("A broken manifest in the watched folder changes nothing and says why")
  func brokenManifest() throws {
    let host = try Host()
    defer { try? host.stop() }
    let manifest = host.folder.path + "/reload-probe.yaml"
    let text = try String(contentsOfFile: manifest, encoding: .utf8)
    try text.replacingOccurrences(of: "sha256: ", with: "sha256: 00").write(
      toFile: manifest, atomically: true, encoding: .utf8)
    let echoed = host.readUntil("the running versions stay")
    #expect(echoed.contains("sha256"), "\(echoed)")
    #expect(try host.slots()["production"]?["version"] as? String == "1.0.0")
    let reload = try host.command(["reload", "reload-probe", "--slot", "production"])
    #expect(reload.status == 1)
    #expect(reload.stderr.contains("the running version stays"))
    // The manifest's own problem, with its place, as the watcher printed it.
    #expect(reload.stderr.contains("reload-probe.yaml:6:"), "\(reload.stderr)")
    #expect(reload.stderr.contains("sha256"), "\(reload.stderr)")
  }
}
