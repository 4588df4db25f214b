import CSQLite

/// A consistent copy of a SQLite journal while a host may be writing it: SQLite's online backup
/// API copies every page in one pass (a writer that commits meanwhile makes it restart, so the
/// copy is always one committed state). PostgreSQL's equivalent is `pg_dump`
/// (docs/persistence.md).
public enum SQLiteBackup {
  /// Copies the journal at `source` to `destination`, a new file (an existing one is refused,
  /// never overwritten). The copy is checked (`PRAGMA quick_check`) before this returns.
  public static func copy(from source: String, to destination: String) throws(StoreError) {
    let reader = try SQLiteConnection(path: source, create: false)
    let status = try SQLStore(connection: reader).status()
    guard status.version > 0 else {
      throw StoreError(
        store: reader.storeName, kind: .missing, message: "no journal here to back up")
    }
    let target = "SQLite backup \(destination)"
    var existing: OpaquePointer?
    if sqlite3_open_v2(destination, &existing, SQLITE_OPEN_READONLY, nil) == SQLITE_OK {
      sqlite3_close_v2(existing)
      throw StoreError(
        store: target, kind: .failed,
        message: "the file exists; choose a new name (a backup never overwrites)")
    }
    sqlite3_close_v2(existing)
    var copy: OpaquePointer?
    guard sqlite3_open_v2(destination, &copy, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nil)
      == SQLITE_OK, let copy
    else {
      let message = copy.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
      sqlite3_close_v2(copy)
      throw StoreError(store: target, kind: .unreachable, message: "cannot create it (\(message))")
    }
    defer { sqlite3_close_v2(copy) }
    guard let backup = sqlite3_backup_init(copy, "main", reader.handleForBackup, "main") else {
      throw SQLiteConnection.error(
        sqlite3_errcode(copy), String(cString: sqlite3_errmsg(copy)), store: target)
    }
    var step = SQLITE_OK
    repeat {
      step = sqlite3_backup_step(backup, -1)
      if step == SQLITE_BUSY || step == SQLITE_LOCKED { sqlite3_sleep(10) }
    } while step == SQLITE_OK || step == SQLITE_BUSY || step == SQLITE_LOCKED
    let finished = sqlite3_backup_finish(backup)
    guard step == SQLITE_DONE, finished == SQLITE_OK else {
      throw SQLiteConnection.error(
        step == SQLITE_DONE ? finished : step, String(cString: sqlite3_errmsg(copy)), store: target)
    }
    let checked = try SQLiteConnection(path: destination, create: false)
    let result = try checked.run("PRAGMA quick_check", []).first?.first?.text
    guard result == "ok" else {
      throw StoreError(
        store: target, kind: .corrupt, message: "the copy failed its check: \(result ?? "no answer")")
    }
  }
}
