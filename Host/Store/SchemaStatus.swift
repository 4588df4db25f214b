/// A store's schema: what this binary knows, what the store has.
public struct SchemaStatus: Sendable, Equatable {
  /// One migration the store has applied.
  public struct Applied: Sendable, Equatable {
    public var version: Int
    public var name: String
    /// When it was applied, ns since the epoch.
    public var appliedAt: Int64
  }

  /// The store's schema version (0: an empty store).
  public var version: Int
  /// The newest version this binary knows.
  public var latest: Int
  public var applied: [Applied]

  /// Migrations this binary would apply.
  public var pending: [SchemaMigration] { SchemaMigration.all.filter { $0.version > version } }
  /// Whether the store is newer than this binary.
  public var isNewer: Bool { version > latest }
}
