import Foundation
import HostTestKit
import Testing
@testable import Store
import TradingModel

/// Crash recovery end to end (issue 13, item 4): a paper session on a seeded market is killed
/// with SIGKILL at 50 seeded random points and restarted each time; the chain of sessions must
/// end exactly as a run that was never killed: the same final status (cash, equity, positions,
/// counters), the same fills and orders in the same order at the same market times, no client
/// order id twice and no fill lost. Against SQLite, and against PostgreSQL when a server is
/// given (`TRADEHOST_TEST_POSTGRES`; CI requires one).
@Suite(.serialized) struct CrashRecoveryTests {
  static let kills = 50

  /// Two instruments, no risk limit (so the strategy keeps trading), positions kept at the end,
  /// one bar per millisecond on the market's clock: a full run is 3 s of wall time.
  static let arguments = [
    "run", "--interval-ms", "1", "--bars", "3000", "--report-every", "1", "--seed", "11",
    "--symbol", "SIM-A", "--symbol", "SIM-B", "--risk-preset", "unlimited", "--on-stop", "keep",
    "--no-watch",
  ]

  @Test("a session SIGKILLed at 50 seeded points ends as one never killed (SQLite)")
  func sqlite() throws {
    try killAndCompare(baselineStore: nil, chainStore: nil)
  }

  @Test(
    "a session SIGKILLed at 50 seeded points ends as one never killed (PostgreSQL)",
    .enabled(
      if: ProcessInfo.processInfo.environment["TRADEHOST_TEST_POSTGRES"].map { !$0.isEmpty }
        ?? false,
      "PostgreSQL case skipped: TRADEHOST_TEST_POSTGRES is not set"))
  func postgres() throws {
    let baseline = try PostgresSchema()
    let chain = try PostgresSchema()
    try killAndCompare(baselineStore: baseline.url, chainStore: chain.url)
  }

  func killAndCompare(baselineStore: String?, chainStore: String?) throws {
    let started = ContinuousClock.now
    let baseline = try TemporaryDirectory()
    let chain = try TemporaryDirectory()
    func arguments(_ folder: TemporaryDirectory, _ store: String?) -> [String] {
      Self.arguments + ["--state-dir", folder.path, "--socket", folder.file("control.sock")]
        + (store.map { ["--store", $0] } ?? [])
    }
    let unkilled = try CLI.run(arguments(baseline, baselineStore))
    try #require(unkilled.status == 0, "\(unkilled.stderr)")

    var random = SeededGenerator(seed: 2026)
    var killed = 0
    var resumed = 0
    while killed < Self.kills {
      let host = try ChildProcess(arguments(chain, chainStore))
      guard host.waitForStderr("journal: ", within: 60) else {
        _ = host.waitForExit(within: 10)
        Issue.record("restart \(killed + 1) did not open its journal: \(host.stderr)")
        return
      }
      // Mostly after a few rounds of its own; one time in six at once (during the replay).
      let rounds = Int.random(in: 0..<6, using: &random) == 0 ? 0 : Int.random(in: 1...40, using: &random)
      if rounds > 0 { _ = host.waitForStderr("] events ", count: rounds, within: 60) }
      kill(host.process.processIdentifier, SIGKILL)
      guard host.waitForExit(within: 60) != nil else {
        Issue.record("restart \(killed + 1) did not end after SIGKILL")
        return
      }
      guard host.process.terminationReason == .uncaughtSignal else {
        Issue.record(
          "the chain finished after \(killed) kills, before all \(Self.kills) (exit \(host.process.terminationStatus)): \(host.stderr)")
        return
      }
      if host.stderr.contains("cannot resume") {
        Issue.record("restart \(killed + 1) refused to resume: \(host.stderr)")
        return
      }
      if host.stderr.contains("recovered: resuming session") { resumed += 1 }
      killed += 1
    }
    let final = try CLI.run(arguments(chain, chainStore))
    try #require(final.status == 0, "\(final.stderr)")
    #expect(final.stderr.contains("recovered: resuming session"), "\(final.stderr)")
    #expect(resumed >= Self.kills / 2, "only \(resumed) of \(Self.kills) restarts got to resume")

    // The final status: cash, equity, positions, orders, fills and denials.
    #expect(
      final.stdout.replacing(chain.path, with: "DIR")
        == unkilled.stdout.replacing(baseline.path, with: "DIR"))
    #expect(final.stdout.contains("stopped after 3000 bars"), "\(final.stdout)")

    // The journals: the same fills and orders at the same market times, in the same order.
    let expected = try Journaled(folder: baseline, store: baselineStore)
    let got = try Journaled(folder: chain, store: chainStore)
    #expect(got.sessions == Self.kills + 1)
    #expect(expected.fills.count > 100)
    #expect(got.fills.count == expected.fills.count, "a fill was lost or journaled twice")
    #expect(got.fills == expected.fills)
    #expect(got.orders == expected.orders)
    let ids = got.orders.map(\.clientOrderID)
    #expect(Set(ids).count == ids.count, "a client order id was journaled twice")
    let seconds = (ContinuousClock.now - started).components.seconds
    print("crash recovery: \(Self.kills) kills, \(resumed) resumed with progress, \(got.fills.count) fills, \(seconds) s")
  }
}

/// What a store's journal holds, with times made relative to the market's start (a killed chain
/// and an unkilled run start their markets at different wall times).
struct Journaled {
  var fills: [Fill]
  var orders: [OrderRecord]
  var sessions: Int

  init(folder: TemporaryDirectory, store: String?) throws {
    let location =
      try store.map { try #require(StoreLocation(parsing: $0)) }
      ?? .sqlite(path: folder.file("journal.sqlite"))
    let opened = try location.open(create: false)
    let first = try #require(try opened.sessions().first)
    let start = try #require(try opened.log(session: first.id).market).marketStart
    let history = try opened.history(HistoryQuery())
    fills = history.fills.map {
      var fill = $0.fill
      fill.timestamp -= start
      return fill
    }
    orders = history.orders.map {
      var order = $0.order
      order.time -= start
      return order
    }
    sessions = try opened.sessions().count
  }
}

/// A PostgreSQL schema of its own on the test server, dropped at the end.
final class PostgresSchema {
  let url: String
  private let name: String
  private let server: String

  init() throws {
    server = try #require(ProcessInfo.processInfo.environment["TRADEHOST_TEST_POSTGRES"])
    name = "crash_\(UInt64.random(in: 0..<UInt64.max))"
    try PostgresConnection(url: server).execute("CREATE SCHEMA \(name)")
    url = server + (server.contains("?") ? "&" : "?") + "options=-csearch_path%3D\(name)"
  }

  deinit {
    if let admin = try? PostgresConnection(url: server) {
      try? admin.execute("DROP SCHEMA \(name) CASCADE")
    }
  }
}
