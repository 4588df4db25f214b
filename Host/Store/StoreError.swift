/// A store could not do what was asked: one sentence naming the store and the problem. Nothing
/// was written when a store throws (every write is one transaction, rolled back on failure).
public struct StoreError: Error, Sendable, Equatable, CustomStringConvertible {
  /// What went wrong, for callers that react differently (tests, the CLI's exit codes).
  public enum Kind: Sendable, Equatable {
    /// The store's file or server could not be reached or opened.
    case unreachable
    /// The server refused the credentials.
    case credentials
    /// The file is not a database, or the database is damaged.
    case corrupt
    /// The database belongs to another program.
    case foreign
    /// The schema is newer than this binary knows.
    case newerSchema
    /// The store may not be written (a read-only file or folder).
    case readOnly
    /// The disk (or the database's size limit) is full.
    case full
    /// No store exists where one was expected (readers never create one).
    case missing
    /// A record that must be unique is already there (a client order id twice in a session).
    case duplicate
    /// Something tried to change or delete a journaled record.
    case appendOnly
    /// Any other failure of the database.
    case failed
  }

  /// The store, as `SQLite store /path/journal.sqlite` or `PostgreSQL store host:port/db`.
  public let store: String
  public let kind: Kind
  /// The problem, one sentence.
  public let message: String

  public init(store: String, kind: Kind, message: String) {
    self.store = store
    self.kind = kind
    self.message = message
  }

  public var description: String { "\(store): \(message)" }

  /// The error for a store whose schema (`status`) is newer than this binary.
  public static func newer(_ status: SchemaStatus, store: String) -> StoreError {
    StoreError(
      store: store, kind: .newerSchema,
      message:
        "the schema is at version \(status.version), newer than this binary's \(status.latest); use a newer tradehost (nothing was written)"
    )
  }
}
