import Foundation
import HostTestKit
import Testing

/// A session resumed after SIGKILL replays the dead session's market and makes its audit
/// records again, at the same market times: the audit log keeps each once (the replay's and
/// those past the journal's end alike), and the records after the kill are written as usual.
@Suite("audit log across a resumed session")
struct AuditResumeCommandTests {
  /// Seed 7 from 20:00 over 600 bars: the slot is paused by four losing round trips in a row
  /// (a rule-driven audit record) near bar 370.
  static func arguments(_ folder: TemporaryDirectory) -> [String] {
    [
      "run", "--bars", "600", "--seed", "7", "--start", "2024-03-04T20:00:00Z", "--interval-ms",
      "5", "--report-every", "1", "--state-dir", folder.path, "--socket",
      folder.file("control.sock"), "--no-watch", "--http", "none",
    ]
  }

  @Test("a record made before the kill is in the audit log once after the resume")
  func oncePerRecord() throws {
    let folder = try TemporaryDirectory()
    let dying = try ChildProcess(Self.arguments(folder))
    #expect(
      dying.waitForStderr("state -> paused (4 losing round trips in a row)", within: 60),
      "\(dying.stderr)")
    // A few status lines later (the kernel thread prints them after its audit write and risk
    // state save return), so the dead session's file surely holds the record.
    let shown = dying.stderr.components(separatedBy: "] events ").count - 1
    #expect(dying.waitForStderr("] events ", count: shown + 3, within: 60), "\(dying.stderr)")
    kill(dying.process.processIdentifier, SIGKILL)
    #expect(dying.waitForExit(within: 30) != nil)
    let resumed = try CLI.run(Self.arguments(folder))
    #expect(resumed.status == 0, "\(resumed.stderr)")
    #expect(resumed.stderr.contains("recovered: resuming session 1"), "\(resumed.stderr)")
    // Not echoed again either: the dead session said it.
    #expect(!resumed.stderr.contains("state -> paused (4 losing"), "\(resumed.stderr)")
    let lines = try String(contentsOfFile: folder.file("audit.jsonl"), encoding: .utf8)
      .split(separator: "\n")
    let pauses = lines.filter {
      $0.contains("\"action\":\"state\"") && $0.contains("4 losing round trips in a row")
    }
    #expect(pauses.count == 1, "\(lines.joined(separator: "\n"))")
    #expect(Set(lines).count == lines.count, "a line is there twice: \(lines)")
    // The resumed session's own record (the restore) is written.
    #expect(lines.contains { $0.contains("\"action\":\"restore\"") }, "\(lines)")
  }
}
