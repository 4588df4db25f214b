extension SchemaMigration {
  /// The tables migration 2 adds (each append-only).
  static let recoveryTableNames = ["run_markets", "rounds"]

  /// Version 2: each paper session's market record (the chain it continues, the fingerprint of
  /// its market and settings, the market clock's start, the risk states the chain began with)
  /// and a checkpoint per round of its market; both append-only.
  static let recoveryTables: SchemaMigration = {
    let tables = [
      """
      CREATE TABLE run_markets (session_id BIGINT PRIMARY KEY
        REFERENCES tradehost_sessions (session_id), resumes BIGINT, fingerprint TEXT NOT NULL,
        market_start BIGINT NOT NULL, description TEXT NOT NULL, risk_state TEXT)
      """,
      """
      CREATE TABLE rounds (seq {seq}, session_id BIGINT NOT NULL, round BIGINT NOT NULL,
        at BIGINT NOT NULL, cash BIGINT NOT NULL, equity BIGINT NOT NULL,
        currency_precision INTEGER NOT NULL)
      """,
      "CREATE INDEX rounds_by_session ON rounds (session_id, round)",
    ]
    return SchemaMigration(
      version: 2, name: "run markets and round checkpoints (crash recovery)",
      sqlite: tables.map { $0.replacing("{seq}", with: "INTEGER PRIMARY KEY") }
        + appendOnlyTriggers(recoveryTableNames, .sqlite),
      postgres: tables.map {
        $0.replacing("{seq}", with: "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY")
      } + appendOnlyTriggers(recoveryTableNames, .postgres))
  }()

  /// The triggers that make `tables` append-only in `dialect` (for migrations after version 1,
  /// which created PostgreSQL's `tradehost_append_only()`).
  static func appendOnlyTriggers(_ tables: [String], _ dialect: SQLDialect) -> [String] {
    switch dialect {
    case .sqlite:
      tables.flatMap { table in
        ["UPDATE", "DELETE"].map { operation in
          """
          CREATE TRIGGER \(table)_no_\(operation.lowercased()) BEFORE \(operation) ON \(table)
          BEGIN SELECT RAISE(ABORT, '\(table) is append-only'); END
          """
        }
      }
    case .postgres:
      tables.flatMap { table in
        [
          """
          CREATE TRIGGER \(table)_append_only BEFORE UPDATE OR DELETE ON \(table)
          FOR EACH ROW EXECUTE FUNCTION tradehost_append_only()
          """,
          """
          CREATE TRIGGER \(table)_no_truncate BEFORE TRUNCATE ON \(table)
          FOR EACH STATEMENT EXECUTE FUNCTION tradehost_append_only()
          """,
        ]
      }
    }
  }
}
