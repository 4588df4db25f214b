/// Where a journal is: a SQLite file (the default: `journal.sqlite` in the state folder) or a
/// PostgreSQL database. Parsed from `--store` or a run config's `store:`.
public enum StoreLocation: Sendable, Equatable, CustomStringConvertible {
  case sqlite(path: String)
  /// A libpq URL or connection string (may carry a password: never printed).
  case postgres(url: String)

  /// The default: `journal.sqlite` in `folder`.
  public static func stateFolder(_ folder: String) -> StoreLocation {
    .sqlite(path: folder + "/journal.sqlite")
  }

  /// `postgres://...` or `postgresql://...` (PostgreSQL), `sqlite:PATH` or a plain path
  /// (SQLite). `nil` for an empty text.
  public init?(parsing text: String) {
    guard !text.isEmpty else { return nil }
    if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") {
      self = .postgres(url: text)
    } else if text.hasPrefix("sqlite:") {
      let path = String(text.dropFirst("sqlite:".count))
      guard !path.isEmpty else { return nil }
      self = .sqlite(path: path)
    } else {
      self = .sqlite(path: text)
    }
  }

  /// Opens the store: `create` for a writer (a missing SQLite file is created), else the store
  /// must exist. A SQLite writer checks ownership and writability before changing anything;
  /// PostgreSQL connects (bounded by its connect timeout).
  public func open(create: Bool) throws(StoreError) -> any Store {
    switch self {
    case .sqlite(let path):
      return SQLStore(connection: try SQLiteConnection(path: path, create: create))
    case .postgres(let url):
      return SQLStore(connection: try PostgresConnection(url: url))
    }
  }

  public var description: String {
    switch self {
    case .sqlite(let path): "SQLite store \(path)"
    case .postgres(let url): "PostgreSQL store \(PostgresConnection.describe(url))"
    }
  }
}
