import Store
import Testing
import TradingModel

/// What recovery reads (`Store.log`) on every store, and how a replay is checked against it
/// (`JournalReplay`).
@Suite struct RecoveryLogTests {
  static let market = RunMarketRecord(
    resumes: 3, fingerprint: String(repeating: "c0", count: 32), marketStart: 1_700_000_000_000,
    description: "SIM-A generated (seed 42)", riskState: #"{"account":{"state":"halted"}}"#)

  static let rounds: [JournalRecord] = [
    .round(RoundRecord(round: 1, time: 60, cash: 10_000_000, equity: 10_000_000, precision: 2)),
    .round(RoundRecord(round: 2, time: 120, cash: 9_999_993, equity: 10_000_412, precision: 2)),
  ]

  /// Amends of a limit order (a larger size, a new price) and of a stop-limit (both prices).
  static let amendments: [AmendmentRecord] = [
    AmendmentRecord(
      time: 2_200, clientOrderID: 2, slot: 0, quantity: Quantity(raw: 5, precision: 0),
      type: .limit(Price(raw: 40_100, precision: 2))),
    AmendmentRecord(
      time: 3_200, clientOrderID: 3, slot: 1, quantity: Quantity(raw: 2, precision: 0),
      type: .stopLimit(
        trigger: Price(raw: 44_900, precision: 2), limit: Price(raw: 45_000, precision: 2))),
  ]

  static let ruleAudit = JournalRecord.audit(
    AuditEntry(
      time: 3_400, source: "rule", scope: "slot production", action: "state", from: "active",
      to: "paused", reason: "4 losing round trips in a row"))

  @Test(arguments: StoreKind.available)
  func logReturnsEachKindInJournalOrder(kind: StoreKind) throws {
    let fixture = try FreshStore(kind)
    defer { withExtendedLifetime(fixture) {} }
    let store = fixture.store
    try store.migrate(at: 1)
    let session = try store.beginSession(at: 10, note: "run")
    let other = try store.beginSession(at: 11, note: "run")
    try store.append(
      [.runMarket(Self.market)] + JournalSamples.batch + Self.rounds + [Self.ruleAudit]
        + Self.amendments.map { .amendment($0) },
      session: session)
    try store.append([.fill(JournalSamples.fill(9, slot: 0, time: 5, price: 1))], session: other)
    let log = try store.log(session: session)
    #expect(log.session == session)
    #expect(log.market == Self.market)
    #expect(log.orders.map(\.clientOrderID) == [1, 2, 3])
    #expect(log.orders[2] == JournalSamples.order(
      3, slot: 1,
      type: .stopLimit(
        trigger: Price(raw: 45_000, precision: 2), limit: Price(raw: 45_100, precision: 2)),
      time: 3_000, side: .sell))
    #expect(log.orderEvents.map(\.kind) == [.accepted, .filled, .canceled, .accepted, .denied])
    #expect(log.orderEvents.last?.reasonCode == 12)
    #expect(log.fills == [JournalSamples.fill(1, slot: 0, time: 1_500, price: 43_210)])
    #expect(log.rounds.map { JournalRecord.round($0) } == Self.rounds)
    #expect(log.amendments == Self.amendments)
    #expect(log.audit.map(\.source) == ["operator", "rule"])
    #expect(log.slots.map(\.name) == ["production", "canary"])
    #expect(try store.log(session: other).market == nil)
    #expect(try store.log(session: other).fills.count == 1)
    // One market record per session.
    #expect(throws: StoreError.self) { try store.append([.runMarket(Self.market)], session: session) }
  }

  /// The records a replay of the sample session makes, in order.
  static var sequence: [JournalRecord] {
    JournalSamples.batch + Self.rounds + [Self.ruleAudit] + Self.amendments.map { .amendment($0) }
  }

  static func log(_ records: [JournalRecord]) throws -> SessionLog {
    let store = MemoryStore()
    try store.migrate(at: 0)
    let session = try store.beginSession(at: 0, note: "run")
    try store.append(records, session: session)
    return try store.log(session: session)
  }

  @Test func aReplaySkipsExactlyTheJournaledPrefix() throws {
    for cut in 0...Self.sequence.count {
      var replay = JournalReplay(logs: [try Self.log(Array(Self.sequence[..<cut]))])
      let written = Self.sequence.filter { !replay.consume($0) }
      #expect(replay.mismatch == nil, "cut \(cut)")
      #expect(replay.remaining == 0)
      // What was journaled before the cut and is tracked is skipped; the rest is written.
      let tracked = Self.sequence[..<cut].filter { record in
        switch record {
        case .order, .orderEvent, .fill, .round, .amendment: true
        case .audit(let entry): entry.source == "rule"
        default: false
        }
      }
      #expect(written.count == Self.sequence.count - tracked.count, "cut \(cut)")
    }
  }

  @Test func aReplayEndsAtItsFirstDifference() throws {
    var replay = JournalReplay(logs: [try Self.log(Self.sequence)])
    var changed = Self.sequence
    // The fill at another price.
    changed[5] = .fill(JournalSamples.fill(1, slot: 0, time: 1_500, price: 43_211))
    let written = changed.filter { !replay.consume($0) }
    let mismatch = try #require(replay.mismatch)
    #expect(mismatch.hasPrefix("fill #1: the journal has "), "\(mismatch)")
    #expect(replay.remaining == 0)
    // The differing fill and everything after it are written.
    #expect(written.contains(changed[5]))
    #expect(written.contains(Self.rounds[1]))
  }

  @Test func aReplayThatMakesMoreOfOneKindWhileOthersAreDueDiffers() throws {
    // Journaled: the order, its acceptance, its fill. Replayed: two orders before the events.
    let journaled = Array(Self.sequence[3..<6])
    var replay = JournalReplay(logs: [try Self.log(journaled)])
    let first = replay.consume(Self.sequence[3])
    let second = replay.consume(Self.sequence[7])
    #expect(first)
    #expect(!second)
    #expect(replay.mismatch?.contains("beyond the journal's 1") == true, "\(replay.mismatch ?? "")")
  }

  @Test func aChainOfSessionsIsOneSequence() throws {
    let first = try Self.log(Array(Self.sequence[..<6]))
    let second = try Self.log(Array(Self.sequence[6..<10]))
    var replay = JournalReplay(logs: [first, second])
    let written = Self.sequence.filter { !replay.consume($0) }
    #expect(replay.mismatch == nil)
    #expect(replay.remaining == 0)
    // Journaled by the chain: skipped; after it: written.
    #expect(!written.contains(Self.sequence[7]))
    #expect(!written.contains(Self.sequence[9]))
    #expect(written.contains(Self.sequence[10]))
    #expect(written.contains(Self.rounds[0]))
    #expect(written.contains(Self.ruleAudit))
  }
}
