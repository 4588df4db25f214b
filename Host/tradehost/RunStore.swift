import Foundation
import MarketData
import Risk
import Store

/// A run's store, opened before the session is built: created on first use and migrated, the
/// last session's end checked, and after an unclean exit the chain of sessions this run resumes
/// (docs/persistence.md, "Crash recovery").
struct RunStore {
  let store: any Store
  /// What the opening found, for the start lines.
  var notes: [String]
  /// The chain to continue (`nil`: this run starts a new one).
  let resume: ResumePoint?

  /// Opens `location` at `now`. A run whose market and settings give `fingerprint` resumes the
  /// last session when that one ended without its stop marker, carries the same fingerprint and
  /// `blocker` is `nil` (else `blocker` says why this run cannot be resumed). Any store failure
  /// is one message naming the store; the host must not trade then.
  static func open(
    location: StoreLocation, fingerprint: String, blocker: String?, now: Int64
  ) -> Result<RunStore, PaperSetupError> {
    do throws(StoreError) {
      let store = try location.open(create: true)
      var notes: [String] = []
      for migration in try store.migrate(at: now) {
        notes.append("\(store.name): applied migration \(migration.version) (\(migration.name))")
      }
      let resume = try findChain(
        store: store, fingerprint: fingerprint, blocker: blocker, notes: &notes)
      return .success(RunStore(store: store, notes: notes, resume: resume))
    } catch {
      return .failure(
        PaperSetupError(
          message: "\(error.description)\nrefusing to trade without a journal (--store names another; docs/persistence.md)"
        ))
    }
  }

  /// The chain ending at the last session that journaled anything, when it ended uncleanly and
  /// this run can continue it; notes say what was found either way.
  private static func findChain(
    store: any Store, fingerprint: String, blocker: String?, notes: inout [String]
  ) throws(StoreError) -> ResumePoint? {
    var tail: (session: SessionRecord, log: SessionLog)?
    // A session killed before its first batch was committed journaled nothing: look past it.
    for session in try store.sessions().reversed() {
      let log = try store.log(session: session.id)
      if session.stoppedAt != nil || log.market != nil || !log.orders.isEmpty
        || !log.fills.isEmpty
      {
        tail = (session, log)
        break
      }
    }
    guard let (last, log) = tail, last.stoppedAt == nil else { return nil }
    notes.append(
      "\(store.name): session \(last.id) (\(last.note), started \(TimestampText.iso8601(last.startedAt))) has no stop marker: the host was killed or crashed; its journal holds what was committed before"
    )
    notes += UncleanExit.findings(try store.history(HistoryQuery(session: last.id)))
    guard let market = log.market else {
      notes.append("  it has no market record (an older binary's session): this session starts flat")
      return nil
    }
    if let blocker {
      notes.append("  not resumed: \(blocker); this session starts flat and a new chain")
      return nil
    }
    guard market.fingerprint == fingerprint else {
      notes.append(
        "  not resumed: this run's market, strategies or settings differ from session \(last.id)'s (\(market.description)); this session starts flat and a new chain"
      )
      return nil
    }
    var logs = [log]
    var link = market.resumes
    while let previous = link, previous < logs[0].session {
      let earlier = try store.log(session: previous)
      logs.insert(earlier, at: 0)
      link = earlier.market?.resumes
    }
    guard let head = logs[0].market else {
      throw StoreError(
        store: store.name, kind: .corrupt,
        message: "session \(logs[0].session), which session \(last.id) continues, has no market record")
    }
    var risk: RiskStateSnapshot?
    if let text = head.riskState {
      do {
        risk = try JSONDecoder().decode(RiskStateSnapshot.self, from: Data(text.utf8))
      } catch {
        throw StoreError(
          store: store.name, kind: .corrupt,
          message: "session \(logs[0].session)'s starting risk states cannot be read (\(error))")
      }
    }
    return ResumePoint(
      session: last.id, logs: logs, marketStart: head.marketStart, riskStateText: head.riskState,
      riskState: risk)
  }
}

/// A chain of sessions a run continues after an unclean exit: their journals, oldest first, the
/// market clock's start and the latched risk states the chain began with.
struct ResumePoint {
  /// The chain's last session, the one that died.
  let session: Int64
  let logs: [SessionLog]
  let marketStart: Int64
  let riskStateText: String?
  let riskState: RiskStateSnapshot?

  /// The last round the chain committed (its checkpoint), 0 when none.
  var rounds: Int {
    Int(logs.last(where: { !$0.rounds.isEmpty })?.rounds.last?.round ?? 0)
  }

  /// The sessions, oldest first.
  var sessions: [Int64] { logs.map(\.session) }
}
