import Foundation
import HostTestKit
import Testing

/// A paper host whose state folder is a tiny tmpfs that fills up (needs root to mount; skipped
/// with that reason otherwise; the same paths are tested in process through the injected
/// `FailingFileCalls` in RiskTests): a kill whose records cannot be written exits 1 saying the
/// state is not saved, the account halts, the audit log keeps whole lines only, and a host
/// refuses to start on a state folder it cannot write.
@Suite("a full state disk", .enabled(if: getuid() == 0, "mounting a tmpfs needs root"))
struct FullDiskCommandTests {
  /// Mounts a 256 KiB tmpfs at a fresh folder; `nil` when mounting is not allowed here.
  static func mount(_ name: String) -> String? {
    let folder = "/tmp/th-fulldisk-\(getpid())-\(name)"
    try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let mount = Process()
    mount.executableURL = URL(fileURLWithPath: "/bin/mount")
    mount.arguments = ["-t", "tmpfs", "-o", "size=256k,mode=0700", "tmpfs", folder]
    guard (try? ChildSpawn.run(mount)) != nil else { return nil }
    mount.waitUntilExit()
    return mount.terminationStatus == 0 ? folder : nil
  }

  static func unmount(_ folder: String) {
    let umount = Process()
    umount.executableURL = URL(fileURLWithPath: "/bin/umount")
    umount.arguments = ["-l", folder]
    try? ChildSpawn.run(umount)
    umount.waitUntilExit()
    try? FileManager.default.removeItem(atPath: folder)
  }

  /// Writes a filler file until the disk refuses.
  static func fill(_ folder: String) {
    let descriptor = open(folder + "/filler", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    guard descriptor >= 0 else { return }
    let chunk = [UInt8](repeating: 0x20, count: 4096)
    var written = 0
    repeat {
      written = chunk.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress!, 4096) }
    } while written > 0
    // The last bytes: one at a time, so not even a short record fits.
    repeat {
      written = chunk.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress!, 1) }
    } while written > 0
    close(descriptor)
  }

  @Test("kill on a full disk: exit 1, not saved, account halted, whole lines; start refused")
  func killOnFullDisk() throws {
    guard let folder = Self.mount("kill") else {
      Issue.record("mount -t tmpfs failed although running as root")
      return
    }
    defer { Self.unmount(folder) }
    let socket = folder + "/control.sock"
    let host = try ChildProcess([
      "run", "--interval-ms", "5", "--report-every", "0", "--state-dir", folder, "--socket",
      socket, "--no-watch", "--store", "none", "--on-stop", "keep", "--http", "none",
    ])
    #expect(host.waitForStderr("Ctrl-C stops", within: 30), "\(host.stderr)")
    Self.fill(folder)
    let kill = try CLI.run(["kill", "--socket", socket])
    #expect(kill.status == 1, "\(kill.stdout)")
    #expect(
      kill.stderr.contains("kill applied to account, but the state is not saved"), "\(kill.stderr)")
    let status = try CLI.run(["status", "--socket", socket, "--json"])
    #expect(status.stdout.contains("\"trading_state\":\"halted\""), "\(status.stdout)")
    // Another host cannot start on this folder.
    let refused = try ChildProcess([
      "run", "--state-dir", folder, "--socket", "/tmp/th-fulldisk-\(getpid()).sock",
      "--no-watch", "--store", "none", "--http", "none",
    ])
    #expect(refused.waitForExit(within: 30) == 2, "\(refused.stderr)")
    #expect(refused.stderr.contains("cannot write the state folder \(folder)"), "\(refused.stderr)")
    // Space again: a resume is saved and exits 0.
    try FileManager.default.removeItem(atPath: folder + "/filler")
    let resume = try CLI.run(["resume", "--socket", socket])
    #expect(resume.status == 0, "\(resume.stderr)")
    #expect(try CLI.run(["stop", "--socket", socket]).status == 0)
    #expect(host.waitForExit(within: 30) == 0, "stdout: \(host.stdout)\nstderr: \(host.stderr)")
    // The denial journal says once that it cannot write and once that it can again.
    let journalLines = host.stderr.split(separator: "\n").filter { $0.contains("denial journal:") }
    #expect(journalLines.count <= 2, "\(journalLines)")
    let text = try String(contentsOfFile: folder + "/audit.jsonl", encoding: .utf8)
    #expect(text.hasSuffix("\n"))
    for line in text.split(separator: "\n") {
      #expect(
        (try? JSONSerialization.jsonObject(with: Data(line.utf8))) != nil, "a torn line: \(line)")
    }
  }
}
