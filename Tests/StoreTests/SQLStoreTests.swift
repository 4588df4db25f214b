import Foundation
import HostTestKit
import Testing
import TradingModel

@testable import Store

/// What the SQL stores promise beyond the protocol: the database itself refuses to change a
/// journaled record, and a schema newer than the binary is never touched.
@Suite struct SQLStoreTests {
  @Test(arguments: StoreKind.sql)
  func theDatabaseRefusesUpdatesAndDeletes(kind: StoreKind) throws {
    let fixture = try FreshStore(kind)
    try fixture.store.migrate(at: 1)
    let session = try fixture.store.beginSession(at: 1, note: "run")
    try fixture.store.append(JournalSamples.batch, session: session)
    let raw = try fixture.connection()
    for sql in [
      "UPDATE fills SET price = 1", "DELETE FROM orders", "UPDATE audit SET reason = 'x'",
      "DELETE FROM order_events", "DELETE FROM tradehost_sessions",
    ] {
      do {
        try raw.execute(sql)
        Issue.record("\(sql) was allowed")
      } catch {
        #expect(error.kind == .appendOnly, "\(sql): \(error)")
      }
    }
    #expect(try fixture.store.history(HistoryQuery()).fills.first?.fill.price.raw == 43_210)
  }

  @Test(arguments: StoreKind.sql)
  func aNewerSchemaIsRefusedAndLeftAlone(kind: StoreKind) throws {
    let fixture = try FreshStore(kind)
    try fixture.store.migrate(at: 1)
    try fixture.connection().execute(
      "INSERT INTO tradehost_schema (version, name, applied_at) VALUES (99, 'from the future', 5)")
    for attempt in [
      { _ = try fixture.store.migrate(at: 2) },
      { _ = try fixture.store.beginSession(at: 2, note: "run") },
      { _ = try fixture.store.history(HistoryQuery()) },
    ] as [() throws -> Void] {
      do {
        try attempt()
        Issue.record("a store with a newer schema was used")
      } catch let error as StoreError {
        #expect(error.kind == .newerSchema)
        #expect(error.description.contains("version 99, newer than this binary's"))
        #expect(error.description.contains(kind == .sqlite ? "SQLite store" : "PostgreSQL store"))
      }
    }
    #expect(try fixture.store.status().version == 99)
    #expect(try fixture.connection().run("SELECT COUNT(*) FROM tradehost_sessions", []) == [[.integer(0)]])
  }

  @Test(arguments: StoreKind.sql)
  func tablesOfAnotherProgramAreNotTaken(kind: StoreKind) throws {
    let fixture = try FreshStore(kind)
    let raw = try fixture.connection()
    try raw.execute("CREATE TABLE orders (id INTEGER, what TEXT)")
    do {
      try fixture.store.migrate(at: 1)
      Issue.record("another program's database was migrated")
    } catch {
      #expect(error.kind == .foreign)
      #expect(error.description.contains("another program"))
    }
    #expect(try raw.tableNames().sorted() == ["orders"])
  }
}
