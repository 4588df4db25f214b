/// Where a host's journal lives: orders as sent, their events, fills, slot versions, deployment
/// actions and the audit trail, per session. Three implementations share one conformance suite:
/// `MemoryStore` (tests), the SQLite file of the state folder (the default) and PostgreSQL.
///
/// Implementation requirements:
/// - Every journal table is append-only: nothing here updates or deletes a record, and the SQL
///   stores refuse it in the database too (triggers), so an audit sees every record ever written.
/// - `append` writes its whole batch in one transaction, in order, or nothing (it throws).
/// - Readers (`status`, `sessions`, `history`) never write, and a store opened for reading only
///   is never created.
/// - One thread at a time: the journal writer owns a store while a host runs; a store is not
///   shared between threads without the caller's lock.
public protocol Store: AnyObject {
  /// The store in messages: `SQLite store /path`, `PostgreSQL store host:port/db`, `memory store`.
  var name: String { get }
  /// The schema's version and migrations (writes nothing).
  func status() throws(StoreError) -> SchemaStatus
  /// Applies the migrations the store lacks, each in its own transaction, recording each with
  /// `time`; returns those applied now. Throws, writing nothing, when the schema is newer than
  /// this binary or the database belongs to another program.
  @discardableResult
  func migrate(at time: Int64) throws(StoreError) -> [SchemaMigration]
  /// Starts a session (a start marker) and returns its id, one more than the last one.
  func beginSession(at time: Int64, note: String) throws(StoreError) -> Int64
  /// Appends `records` of `session` in one transaction, in order.
  func append(_ records: [JournalRecord], session: Int64) throws(StoreError)
  /// Every session, oldest first, with its stop marker if it has one.
  func sessions() throws(StoreError) -> [SessionRecord]
  /// Orders and fills matching `query`, oldest first.
  func history(_ query: HistoryQuery) throws(StoreError) -> History
  /// What `session` journaled, for recovery: its market record, orders, order events, fills,
  /// rounds, audit entries and slot versions, each kind in journal order.
  func log(session: Int64) throws(StoreError) -> SessionLog
}
