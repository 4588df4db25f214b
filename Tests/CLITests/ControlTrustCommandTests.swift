import Foundation
import Glibc
import HostTestKit
import Testing

/// The control channel end to end: a refused control exits non-zero with the host's reason,
/// the client talks only to a host of its own user, and the state folder is private.
@Suite("control channel trust and state files against a running host")
struct ControlTrustCommandTests {
  /// A paper host trading fast EMAs on SIM-A with its state in `state`.
  func startHost(socket: String, state: String, launcher: [String] = []) throws -> RunningHost {
    try RunningHost(
      socket: socket,
      arguments: [
        "--interval-ms", "5", "--report-every", "0", "--state-dir", state, "--param",
        "fast_period=2", "--param", "slow_period=3", "--on-stop", "keep", "--no-watch",
      ], launcher: launcher)
  }

  @Test("a control naming an unknown slot or instrument exits 1 with the host's reason")
  func refusedControl() throws {
    let folder = try TemporaryDirectory(prefix: "th-ref")
    let host = try startHost(socket: folder.file("control.sock"), state: folder.file("state"))
    let kill = try host.command(["kill", "--slot", "nosuchslot"])
    #expect(kill.status == 1)
    #expect(kill.stdout.isEmpty)
    #expect(
      kill.stderr.contains(
        "kill refused: no slot is named 'nosuchslot' (slots: production); nothing was queued"),
      "\(kill.stderr)")
    let pause = try host.command(["pause", "--instrument", "NOPE.X"])
    #expect(pause.status == 1)
    #expect(
      pause.stderr.contains("pause refused: no instrument is named 'NOPE.X' (instruments: SIM-A"),
      "\(pause.stderr)")
    // Nothing was applied: the account still trades.
    let status = try host.command(["status", "--json"])
    #expect(status.stdout.contains("\"trading_state\":\"active\""), "\(status.stdout)")
    // A known slot is still accepted.
    #expect(try host.command(["pause", "--slot", "production"]).status == 0)
    _ = try host.stop()
    #expect(host.process.terminationStatus == 0)
  }

  @Test("audit log, risk state and denial journal are 0600 in a 0700 folder")
  func stateFilesArePrivate() throws {
    let folder = try TemporaryDirectory(prefix: "th-perm")
    let state = folder.file("state")
    let host = try startHost(socket: folder.file("control.sock"), state: state)
    // A pause is a state change: the risk state is saved, the audit log written.
    #expect(try host.command(["pause"]).status == 0)
    _ = host.readUntil("account state -> paused")
    _ = try host.stop()
    #expect(host.process.terminationStatus == 0)
    #expect(permissionBits(state) == 0o700)
    for name in ["audit.jsonl", "risk-state.json", "denials.jsonl"] {
      #expect(permissionBits(state + "/" + name) == 0o600, "\(name)")
    }
  }

  @Test(
    "a state folder another user owns, or anyone may write to, is refused at start",
    .enabled(if: geteuid() == 0, "only root can give a folder to another user"))
  func foreignStateFolder() throws {
    let folder = try TemporaryDirectory(prefix: "th-sdir")
    let theirs = folder.file("theirs")
    #expect(mkdir(theirs, 0o700) == 0 && chown(theirs, 65534, 65534) == 0)
    let refused = try CLI.run([
      "run", "--bars", "1", "--interval-ms", "0", "--state-dir", theirs, "--socket",
      folder.file("a.sock"), "--no-watch",
    ])
    #expect(refused.status == 2)
    #expect(
      refused.stderr.contains(
        "refusing to keep the risk state in \(theirs): it belongs to uid 65534, not to you (uid 0)"),
      "\(refused.stderr)")
    let open = folder.file("open")
    #expect(mkdir(open, 0o700) == 0 && chmod(open, 0o777) == 0)
    let tooOpen = try CLI.run([
      "run", "--bars", "1", "--interval-ms", "0", "--state-dir", open, "--socket",
      folder.file("b.sock"), "--no-watch",
    ])
    #expect(tooOpen.status == 2)
    #expect(
      tooOpen.stderr.contains("refusing to keep the risk state in \(open): its mode 777"),
      "\(tooOpen.stderr)")
    // Nothing was written into either folder.
    #expect(try FileManager.default.contentsOfDirectory(atPath: theirs).isEmpty)
    #expect(try FileManager.default.contentsOfDirectory(atPath: open).isEmpty)
  }

  /// Runs a program as the user nobody (65534) with no groups.
  static let asNobody = ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]

  /// Whether this machine can run a host as another user: root, setpriv, and a checkout that
  /// user may read (a clone under a private home folder is not).
  static let otherUserCanRunHost: Bool = {
    guard geteuid() == 0, FileManager.default.isExecutableFile(atPath: asNobody[0]) else {
      return false
    }
    return (try? CLI.run(["plugins", "validate"], launcher: asNobody))?.status == 0
  }()

  @Test(
    "a host of another user is refused: `kill` exits 1 and that host never sees the command",
    .enabled(
      if: otherUserCanRunHost,
      "needs root, setpriv and a checkout the user nobody can read, to run a host as nobody"))
  func foreignHost() throws {
    let folder = try TemporaryDirectory(prefix: "th-fgn")
    // The other user (nobody, 65534) must reach its folders inside ours.
    #expect(chmod(folder.path, 0o711) == 0)
    let sockets = folder.file("run")
    let state = folder.file("state")
    for directory in [sockets, state] {
      #expect(mkdir(directory, 0o700) == 0 && chown(directory, 65534, 65534) == 0)
    }
    let socket = sockets + "/control.sock"
    let host = try startHost(socket: socket, state: state, launcher: Self.asNobody)
    defer {
      if host.process.isRunning { host.process.terminate() }
      host.process.waitUntilExit()
    }
    let kill = try CLI.run(["kill", "--socket", socket])
    #expect(kill.status == 1)
    #expect(kill.stdout.isEmpty)
    #expect(
      kill.stderr.contains(
        "refusing to use the control socket \(socket): the process serving it runs as uid 65534, "
          + "not as you (uid 0); another user may have planted it, so nothing was sent"),
      "\(kill.stderr)")
    #expect(try CLI.run(["status", "--socket", socket]).status == 1)
    host.process.terminate()
    host.process.waitUntilExit()
    // The host stopped on SIGTERM without ever having been killed or paused.
    let audit = (try? String(contentsOfFile: state + "/audit.jsonl", encoding: .utf8)) ?? ""
    #expect(!audit.contains("\"action\":\"kill\""), "\(audit)")
  }
}
