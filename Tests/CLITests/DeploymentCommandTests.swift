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

    init() throws {
      folder = try TemporaryDirectory(prefix: "th-deploy")
      try ProbePlugin.build(in: folder.path, version: "1.0.0", stateVersion: 1)
      let config = """
        manifests: \(folder.path)
        risk: {preset: unlimited}
        slots:
          - {name: production, strategy: reload-probe}
          - {name: canary, strategy: reload-probe, role: canary, share: 5%, parameters: {trade_every: 2}}
        """
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

  @Test("A new version written to the watched folder reloads both slots; rollback returns")
  func watcherReloadAndRollback() throws {
    let host = try Host()
    defer { try? host.stop() }
    #expect(try host.slots()["production"]?["version"] as? String == "1.0.0")
    try ProbePlugin.build(in: host.folder.path, version: "1.1.0", stateVersion: 1)
    _ = host.readUntil("slot production reload -> 1.1.0")
    _ = host.readUntil("slot canary reload -> 1.1.0")
    let slots = try host.slots()
    #expect(slots["production"]?["version"] as? String == "1.1.0")
    #expect(slots["production"]?["previous_version"] as? String == "1.0.0")
    let rollback = try host.command(["rollback", "production"])
    #expect(rollback.status == 0)
    #expect(rollback.stdout.contains("rollback production: by hand; state handed over"))
    #expect(try host.slots()["production"]?["version"] as? String == "1.0.0")
    let again = try host.command(["rollback", "production"])
    #expect(again.status == 1)
    #expect(again.stderr.contains("no previous version is kept"))
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
  }
}
