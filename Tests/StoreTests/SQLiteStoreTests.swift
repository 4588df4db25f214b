import Foundation
import HostTestKit
import Testing
import TradingModel

@testable import Store

/// The SQLite store's files: created on first use, refused when they are not a TradeHost
/// journal (another program's, damaged, not a database), a full disk, and the online backup.
@Suite struct SQLiteStoreTests {
  @Test func aWriterCreatesTheFileAndAReaderNever() throws {
    let folder = try TemporaryDirectory(prefix: "th-sqlite")
    let path = folder.file("journal.sqlite")
    do {
      _ = try StoreLocation.sqlite(path: path).open(create: false)
      Issue.record("a reader opened a missing store")
    } catch {
      #expect(error.kind == .missing)
    }
    #expect(!FileManager.default.fileExists(atPath: path))
    let store = try StoreLocation.sqlite(path: path).open(create: true)
    try store.migrate(at: 1)
    #expect(FileManager.default.fileExists(atPath: path))
    let reader = try StoreLocation.sqlite(path: path).open(create: false)
    #expect(try reader.status().version == SchemaMigration.latest)
    let mode = try SQLiteConnection(path: path, create: false).run("PRAGMA journal_mode", [])
    #expect(mode == [[.text("wal")]])
  }

  @Test(arguments: [
    ("not a database", "this is a text file, not a journal\n" + String(repeating: "x", count: 200)),
    ("half a header", "SQLite format 3\0" + String(repeating: "\u{7}", count: 300)),
  ])
  func aFileThatIsNotADatabaseIsRefusedUnchanged(label: String, content: String) throws {
    let folder = try TemporaryDirectory(prefix: "th-sqlite")
    let path = folder.file("journal.sqlite")
    try Data(content.utf8).write(to: URL(fileURLWithPath: path))
    do {
      _ = try StoreLocation.sqlite(path: path).open(create: true)
      Issue.record("\(label): opened")
    } catch {
      #expect(error.kind == .corrupt, "\(label): \(error)")
      #expect(error.description.hasPrefix("SQLite store \(path): the file is not a database"))
    }
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(content.utf8))
    #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
  }

  @Test func aDatabaseOfAnotherProgramIsRefusedUnchanged() throws {
    let folder = try TemporaryDirectory(prefix: "th-sqlite")
    let path = folder.file("other.db")
    let other = try SQLiteConnection(path: path, create: true)
    try other.execute("PRAGMA journal_mode = DELETE")
    try other.execute("CREATE TABLE contacts (name TEXT)")
    let before = try Data(contentsOf: URL(fileURLWithPath: path))
    do {
      _ = try StoreLocation.sqlite(path: path).open(create: true)
      Issue.record("another program's file was opened")
    } catch {
      #expect(error.kind == .foreign)
      #expect(error.description.contains("belongs to another program"))
      #expect(error.description.contains("contacts"))
    }
    try other.execute("PRAGMA application_id = 1234")
    #expect(throws: StoreError.self) { _ = try StoreLocation.sqlite(path: path).open(create: true) }
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)).count == before.count)
  }

  @Test func aFullDiskFailsTheBatchAndKeepsWhatWasCommitted() throws {
    let folder = try TemporaryDirectory(prefix: "th-sqlite")
    let path = folder.file("journal.sqlite")
    let connection = try SQLiteConnection(path: path, create: true)
    let store = SQLStore(connection: connection)
    try store.migrate(at: 1)
    let session = try store.beginSession(at: 1, note: "run")
    try store.append(JournalSamples.batch, session: session)
    // SQLite answers SQLITE_FULL when the database may not grow: as on a full disk.
    let pages = try connection.run("PRAGMA page_count", [])[0][0].integer!
    try connection.execute("PRAGMA max_page_count = \(pages)")
    let big = (0..<2_000).map {
      JournalRecord.fill(JournalSamples.fill(UInt64($0), slot: 0, time: 10_000 + Int64($0), price: 1))
    }
    do {
      try store.append(big, session: session)
      Issue.record("the batch fit")
    } catch {
      #expect(error.kind == .full)
      #expect(error.description.contains("the disk is full"))
    }
    #expect(try store.history(HistoryQuery()).fills.count == 1)
  }

  @Test func aBackupIsAConsistentCopyAndNeverOverwrites() throws {
    let folder = try TemporaryDirectory(prefix: "th-sqlite")
    let path = folder.file("journal.sqlite")
    let store = try StoreLocation.sqlite(path: path).open(create: true)
    try store.migrate(at: 1)
    let session = try store.beginSession(at: 1, note: "run")
    try store.append(JournalSamples.batch, session: session)
    let copy = folder.file("backup.sqlite")
    try SQLiteBackup.copy(from: path, to: copy)
    let restored = try StoreLocation.sqlite(path: copy).open(create: false)
    #expect(try restored.history(HistoryQuery()) == store.history(HistoryQuery()))
    do {
      try SQLiteBackup.copy(from: path, to: copy)
      Issue.record("a backup overwrote a file")
    } catch {
      #expect(error.description.contains("never overwrites"))
    }
  }
}
