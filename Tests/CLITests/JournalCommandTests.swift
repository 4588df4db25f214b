import Foundation
import HostTestKit
import Testing

/// The journal from the command line: a paper run journals its orders and fills in the state
/// folder's SQLite file, `history` reads them back with no host running, `db` migrates, shows
/// and backs up the store, and a store that cannot be used stops the host before it trades.
@Suite("the journal: run, history, db")
struct JournalCommandTests {
  func paperRun(_ folder: TemporaryDirectory, state: String? = nil, _ extra: [String] = [])
    throws -> CLI.Output
  {
    try CLI.run(
      [
        "run", "--interval-ms", "0", "--bars", "600", "--report-every", "0", "--seed", "7",
        "--socket", folder.file("control.sock"), "--state-dir", state ?? folder.path, "--no-watch",
      ] + extra)
  }

  func json(_ text: String) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
  }

  /// Makes `path` unwritable even for its owner: mode 0400, and for root (whom modes do not
  /// stop) the immutable attribute. `false` when this machine cannot (no chattr).
  static func makeReadOnly(_ path: String) -> Bool {
    guard chmod(path, 0o400) == 0 else { return false }
    guard getuid() == 0 else { return true }
    return chattr("+i", path)
  }

  static func makeWritable(_ path: String) {
    if getuid() == 0 { _ = chattr("-i", path) }
    chmod(path, 0o600)
  }

  /// Runs `chattr FLAG PATH` (killed past 30 s); whether it succeeded.
  static func chattr(_ flag: String, _ path: String) -> Bool {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/chattr")
    process.arguments = [flag, path]
    process.standardError = FileHandle.nullDevice
    guard (try? ChildSpawn.run(process)) != nil else { return false }
    CLI.killIfRunning(process, after: 30)
    process.waitUntilExit()
    return process.terminationStatus == 0
  }

  @Test("a run journals every order and fill; history reads them back, by slot and time")
  func runThenHistory() throws {
    let folder = try TemporaryDirectory()
    let run = try paperRun(folder)
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stderr.contains("journal: SQLite store \(folder.path)/journal.sqlite, session 1"))
    let fills = run.stdout.firstMatch(of: /fills (\d+)/).flatMap { Int($0.1) } ?? -1
    let orders = run.stdout.firstMatch(of: /orders (\d+)/).flatMap { Int($0.1) } ?? -1
    #expect(fills > 0)
    #expect(permissionBits(folder.file("journal.sqlite")) == 0o600)

    let history = try CLI.run(["history", "--state-dir", folder.path, "--json"])
    #expect(history.status == 0, "\(history.stderr)")
    let object = try json(history.stdout)
    let journaledFills = try #require(object["fills"] as? [[String: Any]])
    let journaledOrders = try #require(object["orders"] as? [[String: Any]])
    #expect(journaledFills.count == fills)
    #expect(journaledOrders.count == orders)
    #expect(journaledOrders.allSatisfy { $0["state"] as? String == "filled" })
    #expect(journaledFills.first?["slot"] as? String == "production")
    #expect(journaledFills.first?["instrument"] as? String == "SIM-A.SIM")
    let ids = journaledOrders.compactMap { $0["client_order_id"] as? Int }
    #expect(Set(ids).count == ids.count)

    let table = try CLI.run(["history", "--state-dir", folder.path])
    #expect(table.stdout.hasPrefix("orders: \(orders)\n"), "\(table.stdout)")
    #expect(table.stdout.contains("fills: \(fills)\n"))
    let none = try CLI.run(["history", "--state-dir", folder.path, "--slot", "canary", "--json"])
    #expect(none.stdout == #"{"orders":[],"fills":[]}"# + "\n")
    let late = try CLI.run(["history", "--state-dir", folder.path, "--since", "2100-01-01T00:00:00Z", "--json"])
    #expect(late.stdout == #"{"orders":[],"fills":[]}"# + "\n")

    // A second run is a second session; the first one's stop marker is there.
    #expect(try paperRun(folder).status == 0)
    let status = try CLI.run(["db", "status", "--state-dir", folder.path])
    #expect(status.status == 0, "\(status.stderr)")
    #expect(status.stdout.contains("schema version 3 (this binary: 3)"))
    #expect(status.stdout.contains("sessions: 2"))
    #expect(!status.stdout.contains("no stop marker"), "\(status.stdout)")
    let second = try CLI.run(["history", "--state-dir", folder.path, "--session", "2", "--json"])
    #expect(try #require(json(second.stdout)["fills"] as? [[String: Any]]).count == fills)
  }

  @Test("a run config's store: names the journal (relative to the config's folder)")
  func configuredStore() throws {
    let folder = try TemporaryDirectory()
    let config = folder.file("run.yaml")
    try "store: journals/paper.sqlite\nslots: [{name: production, strategy: ema-cross}]\n"
      .write(toFile: config, atomically: true, encoding: .utf8)
    try FileManager.default.createDirectory(
      atPath: folder.file("journals"), withIntermediateDirectories: true)
    let run = try paperRun(folder, ["--config", config])
    #expect(run.status == 0, "\(run.stderr)")
    let journal = folder.file("journals/paper.sqlite")
    #expect(run.stderr.contains("journal: SQLite store \(journal), session 1"), "\(run.stderr)")
    #expect(!FileManager.default.fileExists(atPath: folder.file("journal.sqlite")))
    let history = try CLI.run(["history", "--store", journal, "--json"])
    #expect(history.status == 0, "\(history.stderr)")
  }

  @Test("db migrate creates the store, db backup copies it, and refuses to overwrite")
  func migrateAndBackup() throws {
    let folder = try TemporaryDirectory()
    let state = folder.file("state")
    let missing = try CLI.run(["db", "status", "--state-dir", state])
    #expect(missing.status == 1)
    #expect(missing.stderr.contains("SQLite store \(state)/journal.sqlite: no store here"))
    let migrate = try CLI.run(["db", "migrate", "--state-dir", state])
    #expect(migrate.status == 0, "\(migrate.stderr)")
    #expect(migrate.stdout.contains("applied 1: journal tables (append-only)"))
    let again = try CLI.run(["db", "migrate", "--state-dir", state])
    #expect(again.stdout.contains("nothing to migrate"))
    #expect(try paperRun(folder, state: state).status == 0)
    let copy = folder.file("backup.sqlite")
    let backup = try CLI.run(["db", "backup", copy, "--state-dir", state])
    #expect(backup.status == 0, "\(backup.stderr)")
    let original = try CLI.run(["history", "--state-dir", state, "--json"])
    let restored = try CLI.run(["history", "--store", copy, "--json"])
    #expect(restored.status == 0, "\(restored.stderr)")
    #expect(restored.stdout == original.stdout)
    let twice = try CLI.run(["db", "backup", copy, "--state-dir", state])
    #expect(twice.status == 1)
    #expect(twice.stderr.contains("never overwrites"))
  }

  @Test("a store that cannot be used stops the host before it trades, naming the store")
  func badStoresRefuseToTrade() throws {
    let folder = try TemporaryDirectory()
    let journal = folder.file("journal.sqlite")
    let garbage = Data("not a database at all, just text that happens to be here\n".utf8)
    try garbage.write(to: URL(fileURLWithPath: journal))
    let corrupt = try paperRun(folder)
    #expect(corrupt.status == 2)
    #expect(corrupt.stderr.contains("SQLite store \(journal): the file is not a database"))
    #expect(corrupt.stderr.contains("refusing to trade without a journal"))
    #expect(!corrupt.stderr.contains("paper trading"), "\(corrupt.stderr)")
    #expect(try Data(contentsOf: URL(fileURLWithPath: journal)) == garbage)

    let unreachable = try paperRun(folder, ["--store", "postgres://th:pw@127.0.0.1:1/journal"])
    #expect(unreachable.status == 2)
    #expect(unreachable.stderr.contains("PostgreSQL store th@127.0.0.1:1/journal: cannot connect"))
    #expect(!unreachable.stderr.contains("pw@"))

    // A journal that may not be written: read-only for its owner, or immutable for root.
    let locked = try TemporaryDirectory()
    #expect(try CLI.run(["db", "migrate", "--state-dir", locked.path]).status == 0)
    let lockedJournal = locked.file("journal.sqlite")
    if Self.makeReadOnly(lockedJournal) {
      defer { Self.makeWritable(lockedJournal) }
      let readOnly = try paperRun(locked)
      #expect(readOnly.status == 2)
      #expect(readOnly.stderr.contains("SQLite store \(lockedJournal): the file is read-only"), "\(readOnly.stderr)")
      #expect(readOnly.stderr.contains("refusing to trade without a journal"))
    }

    let none = try paperRun(folder, ["--store", "none"])
    #expect(none.status == 0, "\(none.stderr)")
    #expect(!none.stderr.contains("journal:"))
  }

  @Test("after a SIGKILL the next run says the last session ended uncleanly and what it left")
  func killedHostIsReported() throws {
    let folder = try TemporaryDirectory()
    let host = try RunningHost(
      socket: folder.file("control.sock"),
      arguments: [
        "--interval-ms", "0", "--report-every", "1", "--seed", "7", "--state-dir", folder.path,
        "--no-watch",
      ])
    _ = host.readUntil("fills 2 ")
    kill(host.process.processIdentifier, SIGKILL)
    host.process.waitUntilExit()
    #expect(host.process.terminationReason == .uncaughtSignal)

    let next = try paperRun(folder)
    #expect(next.status == 0, "\(next.stderr)")
    #expect(next.stderr.contains("session 1 (run, started "), "\(next.stderr)")
    #expect(next.stderr.contains("has no stop marker: the host was killed or crashed"))
    #expect(next.stderr.contains("journaled fill(s) left"))
    // Same market and settings: the run resumes the session that died.
    #expect(next.stderr.contains("recovered: resuming session 1 (chain 1): replayed "), "\(next.stderr)")
    #expect(next.stderr.contains("session 2"))
    let status = try CLI.run(["db", "status", "--state-dir", folder.path])
    #expect(status.stdout.contains("sessions: 2"))
    #expect(status.stdout.contains("no stop marker (killed, crashed or still running)"))
    // The second session stopped cleanly: a third run finds nothing to report.
    let third = try paperRun(folder)
    #expect(!third.stderr.contains("no stop marker"), "\(third.stderr)")
  }
}
