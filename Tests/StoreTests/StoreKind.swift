import Foundation
import HostTestKit
import Testing
@testable import Store

/// The stores the conformance suite runs against: memory and SQLite always, PostgreSQL when
/// `TRADEHOST_TEST_POSTGRES` names a server (`.ci/postgres start` prints one). CI sets
/// `TRADEHOST_REQUIRE_POSTGRES=1`, and `PostgresAvailabilityTests` then fails without one.
enum StoreKind: String, CaseIterable, CustomTestStringConvertible, Sendable {
  case memory
  case sqlite
  case postgres

  var testDescription: String { rawValue }

  /// The server's URL, if one was given.
  static var postgresURL: String? {
    let url = ProcessInfo.processInfo.environment["TRADEHOST_TEST_POSTGRES"] ?? ""
    return url.isEmpty ? nil : url
  }

  static var postgresRequired: Bool {
    ProcessInfo.processInfo.environment["TRADEHOST_REQUIRE_POSTGRES"] == "1"
  }

  /// The kinds that can run here.
  static var available: [StoreKind] {
    postgresURL == nil ? [.memory, .sqlite] : allCases
  }

  /// SQL stores only.
  static var sql: [StoreKind] { available.filter { $0 != .memory } }
}

/// A fresh, empty store of one kind: a SQLite file in a temporary folder, or a PostgreSQL
/// schema of its own (dropped with the fixture).
final class FreshStore {
  let store: any Store
  let kind: StoreKind
  private let folder: TemporaryDirectory?
  private let schema: String?
  /// The location a second connection opens (SQLite, PostgreSQL).
  let location: StoreLocation?

  init(_ kind: StoreKind) throws {
    self.kind = kind
    switch kind {
    case .memory:
      store = MemoryStore()
      folder = nil
      schema = nil
      location = nil
    case .sqlite:
      let folder = try TemporaryDirectory(prefix: "th-store")
      self.folder = folder
      schema = nil
      let location = StoreLocation.sqlite(path: folder.file("journal.sqlite"))
      self.location = location
      store = try location.open(create: true)
    case .postgres:
      let url = StoreKind.postgresURL!
      let name = "t_\(UInt64.random(in: 0..<UInt64.max))"
      let admin = try PostgresConnection(url: url)
      try admin.execute("CREATE SCHEMA \(name)")
      schema = name
      folder = nil
      let separator = url.contains("?") ? "&" : "?"
      let location = StoreLocation.postgres(
        url: url + separator + "options=-csearch_path%3D\(name)")
      self.location = location
      store = try location.open(create: true)
    }
  }

  /// A raw SQL connection to the same database (SQL kinds only).
  func connection() throws -> any SQLConnection {
    switch location {
    case .sqlite(let path): try SQLiteConnection(path: path, create: true)
    case .postgres(let url): try PostgresConnection(url: url)
    case nil: throw StoreError(store: "memory store", kind: .failed, message: "no SQL here")
    }
  }

  deinit {
    if let schema, let url = StoreKind.postgresURL,
      let admin = try? PostgresConnection(url: url)
    {
      try? admin.execute("DROP SCHEMA \(schema) CASCADE")
    }
  }
}
