import Store
import Testing
import TradingModel

/// The contract of `Store`, run against every implementation that can run here.
@Suite struct StoreConformanceTests {
  @Test(arguments: StoreKind.available)
  func migrationsRunOnceAndAreListed(kind: StoreKind) throws {
    let fixture = try FreshStore(kind)
    defer { withExtendedLifetime(fixture) {} }
    let store = fixture.store
    #expect(try store.status().version == 0)
    #expect(try store.status().pending.map(\.version) == SchemaMigration.all.map(\.version))
    let applied = try store.migrate(at: 42)
    #expect(applied.map(\.version) == SchemaMigration.all.map(\.version))
    let status = try store.status()
    #expect(status.version == SchemaMigration.latest)
    #expect(status.applied.map(\.appliedAt) == SchemaMigration.all.map { _ in 42 })
    #expect(status.applied.map(\.name) == SchemaMigration.all.map(\.name))
    #expect(try store.migrate(at: 43).isEmpty)
  }

  @Test(arguments: StoreKind.available)
  func readersRefuseAStoreWithoutTheJournal(kind: StoreKind) throws {
    let fixture = try FreshStore(kind)
    defer { withExtendedLifetime(fixture) {} }
    let store = fixture.store
    #expect(throws: StoreError.self) { try store.history(HistoryQuery()) }
    do {
      _ = try store.beginSession(at: 1, note: "run")
      Issue.record("a session began on an empty store")
    } catch {
      #expect(error.kind == .missing)
      #expect(error.description.contains("tradehost db migrate"))
    }
  }

  @Test(arguments: StoreKind.available)
  func sessionsCountUpAndKeepTheirStopMarkers(kind: StoreKind) throws {
    let fixture = try FreshStore(kind)
    defer { withExtendedLifetime(fixture) {} }
    let store = fixture.store
    try store.migrate(at: 1)
    let first = try store.beginSession(at: 10, note: "run")
    try store.append([.stop(time: 20)], session: first)
    let second = try store.beginSession(at: 30, note: "backtest")
    #expect(second == first + 1)
    #expect(
      try store.sessions() == [
        SessionRecord(id: first, startedAt: 10, note: "run", stoppedAt: 20),
        SessionRecord(id: second, startedAt: 30, note: "backtest", stoppedAt: nil),
      ])
  }

  @Test(arguments: StoreKind.available)
  func historyReturnsExactlyWhatWasJournaled(kind: StoreKind) throws {
    let fixture = try FreshStore(kind)
    defer { withExtendedLifetime(fixture) {} }
    let store = fixture.store
    try store.migrate(at: 1)
    let session = try store.beginSession(at: 1, note: "run")
    try store.append(JournalSamples.batch, session: session)
    let history = try store.history(HistoryQuery())
    let expectedOrders = JournalSamples.batch.compactMap { record -> OrderRecord? in
      if case .order(let order) = record { return order }
      return nil
    }
    #expect(history.orders.map(\.order) == expectedOrders)
    #expect(history.orders.map(\.lastEvent) == [.filled, .canceled, .accepted])
    #expect(history.orders.map(\.slotName) == ["production", "production", "canary"])
    #expect(history.orders.allSatisfy { $0.instrument == "SPY.ARCA" && $0.session == session })
    #expect(history.fills.map(\.fill) == [JournalSamples.fill(1, slot: 0, time: 1_500, price: 43_210)])
    #expect(history.fills.first?.slotName == "production")
  }

  @Test(arguments: StoreKind.available)
  func historyFiltersBySlotTimeAndSession(kind: StoreKind) throws {
    let fixture = try FreshStore(kind)
    defer { withExtendedLifetime(fixture) {} }
    let store = fixture.store
    try store.migrate(at: 1)
    let first = try store.beginSession(at: 1, note: "run")
    try store.append(JournalSamples.batch, session: first)
    let second = try store.beginSession(at: 5_000, note: "run")
    try store.append(JournalSamples.batch, session: second)
    let canary = try store.history(HistoryQuery(slot: "canary"))
    #expect(canary.orders.map(\.order.clientOrderID) == [3, 3])
    #expect(canary.fills.isEmpty)
    let late = try store.history(HistoryQuery(since: 2_000, session: second))
    #expect(late.orders.map(\.order.clientOrderID) == [2, 3])
    #expect(late.fills.isEmpty)
    #expect(try store.history(HistoryQuery(slot: "nobody")).orders.isEmpty)
  }

  @Test(arguments: StoreKind.available)
  func aClientOrderIDIsJournaledOnceAndAFailedBatchWritesNothing(kind: StoreKind) throws {
    let fixture = try FreshStore(kind)
    defer { withExtendedLifetime(fixture) {} }
    let store = fixture.store
    try store.migrate(at: 1)
    let session = try store.beginSession(at: 1, note: "run")
    try store.append(JournalSamples.batch, session: session)
    do {
      try store.append(
        [
          .fill(JournalSamples.fill(9, slot: 0, time: 9_000, price: 1)),
          .order(JournalSamples.order(1, slot: 0, time: 9_000)),
        ], session: session)
      Issue.record("a client order id was journaled twice")
    } catch {
      #expect(error.kind == .duplicate)
    }
    let history = try store.history(HistoryQuery())
    #expect(history.fills.count == 1)
    #expect(history.orders.count == 3)
    // Another session may reuse the id.
    let next = try store.beginSession(at: 2, note: "run")
    try store.append([.order(JournalSamples.order(1, slot: 0, time: 9_000))], session: next)
    #expect(try store.history(HistoryQuery(session: next)).orders.count == 1)
  }

  @Test(arguments: StoreKind.available)
  func aLargeBatchKeepsEveryRecordInOrder(kind: StoreKind) throws {
    let fixture = try FreshStore(kind)
    defer { withExtendedLifetime(fixture) {} }
    let store = fixture.store
    try store.migrate(at: 1)
    let session = try store.beginSession(at: 1, note: "run")
    // More rows than one multi-row insert takes, interleaved as the kernel writes them.
    var batch: [JournalRecord] = [JournalSamples.slot(0, "production", time: 1)]
    for id in 1...150 {
      batch.append(.order(JournalSamples.order(UInt64(id), slot: 0, time: Int64(id))))
      batch.append(.fill(JournalSamples.fill(UInt64(id), slot: 0, time: Int64(id), price: Int64(id))))
    }
    try store.append(batch, session: session)
    let history = try store.history(HistoryQuery())
    #expect(history.orders.map(\.order.clientOrderID) == (1...150).map { UInt64($0) })
    #expect(history.fills.map(\.fill.price.raw) == (1...150).map { Int64($0) })
  }
}
