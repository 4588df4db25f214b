import CSQLite
import Glibc

/// One connection to a SQLite file (the system libsqlite3): prepared statements kept for the
/// connection's life (`SQLITE_PREPARE_PERSISTENT`), extended result codes mapped to
/// `StoreError`s that name the file. A writer runs in WAL mode with `synchronous=NORMAL`: a
/// commit survives a crash of the process, and the last commits before a power loss may be lost.
///
/// One thread at a time (the journal writer's).
final class SQLiteConnection: SQLConnection {
  /// TradeHost's `PRAGMA application_id` ("THST"): a file that has another is not ours.
  static let applicationID: Int32 = 0x5448_5354

  let dialect = SQLDialect.sqlite
  let storeName: String
  let path: String
  private var handle: OpaquePointer?
  private var statements: [String: OpaquePointer] = [:]

  /// Opens `path`: created when `create` (a writer), else it must exist (readers never create
  /// a store). A writer checks that the file is TradeHost's or empty and writable before it
  /// changes anything (WAL mode).
  init(path: String, create: Bool) throws(StoreError) {
    self.path = path
    storeName = "SQLite store \(path)"
    let flags =
      create ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE : SQLITE_OPEN_READONLY
    if create {
      // A new journal is private to its user, like every file of the state folder (SQLite
      // gives its -wal and -shm files the same mode).
      let descriptor = Glibc.open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
      if descriptor >= 0 { close(descriptor) }
    }
    var db: OpaquePointer?
    let status = sqlite3_open_v2(path, &db, flags | SQLITE_OPEN_NOMUTEX, nil)
    handle = db
    guard status == SQLITE_OK else {
      let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
      sqlite3_close_v2(db)
      handle = nil
      if !create && status & 0xff == SQLITE_CANTOPEN {
        throw StoreError(store: storeName, kind: .missing, message: "no store here (\(message))")
      }
      throw Self.error(status, message, store: storeName)
    }
    sqlite3_extended_result_codes(db, 1)
    sqlite3_busy_timeout(db, 2000)
    try checkOwnership()
    if create {
      if sqlite3_db_readonly(db, "main") == 1 {
        throw StoreError(
          store: storeName, kind: .readOnly,
          message: "the file is read-only, so no journal can be written (nothing was written)")
      }
      try execute("PRAGMA journal_mode = WAL")
      try execute("PRAGMA synchronous = NORMAL")
    }
  }

  /// The open handle, for the online backup.
  var handleForBackup: OpaquePointer? { handle }

  deinit {
    for statement in statements.values { sqlite3_finalize(statement) }
    sqlite3_close_v2(handle)
  }

  @discardableResult
  func run(_ sql: String, _ parameters: [SQLValue]) throws(StoreError) -> [[SQLValue]] {
    let statement = try prepared(sql)
    defer {
      sqlite3_reset(statement)
      sqlite3_clear_bindings(statement)
    }
    for (index, value) in parameters.enumerated() {
      let position = Int32(index + 1)
      let status: Int32
      switch value {
      case .integer(let number): status = sqlite3_bind_int64(statement, position, number)
      case .text(let text):
        status = sqlite3_bind_text(statement, position, text, -1, tradehost_sqlite_transient())
      case .null: status = sqlite3_bind_null(statement, position)
      }
      guard status == SQLITE_OK else { throw lastError(status) }
    }
    var rows: [[SQLValue]] = []
    while true {
      let status = sqlite3_step(statement)
      if status == SQLITE_DONE { return rows }
      guard status == SQLITE_ROW else { throw lastError(status) }
      var row: [SQLValue] = []
      let columns = sqlite3_column_count(statement)
      row.reserveCapacity(Int(columns))
      for column in 0..<columns {
        switch sqlite3_column_type(statement, column) {
        case SQLITE_INTEGER: row.append(.integer(sqlite3_column_int64(statement, column)))
        case SQLITE_NULL: row.append(.null)
        default:
          row.append(sqlite3_column_text(statement, column).map { .text(String(cString: $0)) } ?? .null)
        }
      }
      rows.append(row)
    }
  }

  func tableNames() throws(StoreError) -> [String] {
    try run("SELECT name FROM sqlite_master WHERE type = 'table'", []).compactMap { $0[0].text }
  }

  /// Ours when the application id is TradeHost's, or when the file is empty (no id, no table).
  func checkOwnership() throws(StoreError) {
    let id = try run("PRAGMA application_id", []).first?.first?.integer ?? 0
    if id == Int64(Self.applicationID) { return }
    let tables = try tableNames()
    if id == 0 && tables.isEmpty { return }
    let what =
      id != 0
      ? "its application id is \(id), not TradeHost's"
      : "it holds tables (\(tables.sorted().prefix(5).joined(separator: ", "))) but no TradeHost journal"
    throw StoreError(
      store: storeName, kind: .foreign,
      message:
        "the file belongs to another program (\(what)); choose another --store or --state-dir (nothing was written)"
    )
  }

  func claim() throws(StoreError) {
    try execute("PRAGMA application_id = \(Self.applicationID)")
  }

  private func prepared(_ sql: String) throws(StoreError) -> OpaquePointer {
    if let statement = statements[sql] { return statement }
    var statement: OpaquePointer?
    let status = sqlite3_prepare_v3(
      handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
    guard status == SQLITE_OK, let statement else { throw lastError(status) }
    statements[sql] = statement
    return statement
  }

  private func lastError(_ status: Int32) -> StoreError {
    Self.error(status, handle.map { String(cString: sqlite3_errmsg($0)) } ?? "", store: storeName)
  }

  /// SQLITE_CONSTRAINT_PRIMARYKEY and SQLITE_CONSTRAINT_UNIQUE (macros built with shifts, which
  /// Swift does not import).
  static let constraintPrimaryKey: Int32 = 19 | (6 << 8)
  static let constraintUnique: Int32 = 19 | (8 << 8)

  /// A SQLite result code as a store error: one sentence naming the problem.
  static func error(_ status: Int32, _ message: String, store: String) -> StoreError {
    let detail = message.isEmpty ? "" : " (SQLite: \(message))"
    switch status & 0xff {
    case SQLITE_NOTADB, SQLITE_CORRUPT:
      return StoreError(
        store: store, kind: .corrupt,
        message:
          "the file is not a database or is damaged\(detail); move it aside or restore a backup (nothing was written)"
      )
    case SQLITE_FULL:
      return StoreError(
        store: store, kind: .full,
        message: "the disk is full\(detail); nothing of this batch was written")
    case SQLITE_READONLY:
      return StoreError(
        store: store, kind: .readOnly,
        message: "the file or its folder is read-only\(detail); nothing was written")
    case SQLITE_CANTOPEN:
      return StoreError(store: store, kind: .unreachable, message: "cannot open the file\(detail)")
    case SQLITE_CONSTRAINT:
      if message.contains("append-only") {
        return StoreError(
          store: store, kind: .appendOnly, message: "\(message): journaled records never change")
      }
      if status == constraintPrimaryKey || status == constraintUnique {
        return StoreError(
          store: store, kind: .duplicate,
          message: "a record is already journaled\(detail); nothing of this batch was written")
      }
      return StoreError(store: store, kind: .failed, message: "a constraint failed\(detail)")
    default:
      return StoreError(
        store: store, kind: .failed, message: "SQLite error \(status)\(detail)")
    }
  }
}
