import Foundation
import HostTestKit
import Testing
@testable import Store

/// When a run does not or cannot continue the session that died: other settings start a new
/// chain (said at the start); a journal the replay does not reproduce refuses the run, again at
/// the next start, until --no-resume starts a new chain.
@Suite struct RecoveryRefusalTests {
  func killedHost(_ folder: TemporaryDirectory) throws {
    let host = try RunningHost(
      socket: folder.file("control.sock"),
      arguments: [
        "--interval-ms", "0", "--report-every", "1", "--seed", "7", "--state-dir", folder.path,
        "--no-watch", "--risk-preset", "unlimited",
      ])
    _ = host.readUntil("fills 3 ")
    kill(host.process.processIdentifier, SIGKILL)
    host.process.waitUntilExit()
    #expect(host.process.terminationReason == .uncaughtSignal)
  }

  func run(_ folder: TemporaryDirectory, _ extra: [String] = []) throws -> CLI.Output {
    try CLI.run(
      [
        "run", "--interval-ms", "0", "--bars", "300", "--report-every", "0", "--seed", "7",
        "--socket", folder.file("control.sock"), "--state-dir", folder.path, "--no-watch",
        "--risk-preset", "unlimited",
      ] + extra)
  }

  @Test("a run with another seed does not resume the dead session and says why")
  func otherSettingsStartANewChain() throws {
    let folder = try TemporaryDirectory()
    try killedHost(folder)
    let next = try run(folder, ["--seed", "8"])
    #expect(next.status == 0, "\(next.stderr)")
    #expect(next.stderr.contains("has no stop marker"))
    #expect(
      next.stderr.contains(
        "not resumed: this run's market, strategies or settings differ from session 1's"),
      "\(next.stderr)")
    #expect(!next.stderr.contains("recovered:"))
  }

  @Test("a journal the replay does not reproduce refuses the run until --no-resume")
  func aDifferingJournalRefuses() throws {
    let folder = try TemporaryDirectory()
    try killedHost(folder)
    // A checkpoint the market never made: five rounds past the last one, with other books. The
    // replay differs at its next round's checkpoint, or before it at a record of that round
    // the dead session did not journal.
    let connection = try SQLiteConnection(path: folder.file("journal.sqlite"), create: true)
    let last = try #require(
      try connection.run("SELECT MAX(round) FROM rounds WHERE session_id = 1", []).first?.first?
        .integer)
    try connection.run(
      "INSERT INTO rounds (session_id, round, at, cash, equity, currency_precision) VALUES (1, ?, 0, 1, 1, 2)",
      [.integer(last + 5)])
    let refused = try run(folder)
    #expect(refused.status == 2, "\(refused.stderr)")
    #expect(
      refused.stderr.contains(
        "cannot resume session 1 (chain 1): the replay of its market differs from its journal at "),
      "\(refused.stderr)")
    #expect(refused.stderr.contains("nothing was traded"))
    #expect(!refused.stdout.contains("stopped after"))
    // The refused session is left unfinished: the next start finds the chain again.
    let again = try run(folder)
    #expect(again.status == 2)
    #expect(again.stderr.contains("cannot resume session 2 (chain 1, 2)"), "\(again.stderr)")
    let fresh = try run(folder, ["--no-resume"])
    #expect(fresh.status == 0, "\(fresh.stderr)")
    #expect(fresh.stderr.contains("not resumed: --no-resume was given"), "\(fresh.stderr)")
    #expect(fresh.stdout.contains("stopped after 300 bars"))
  }
}
