/// One versioned change of the journal's schema, in both dialects. Append-only: a released
/// migration is never edited; a change is a new migration with the next version.
public struct SchemaMigration: Sendable, Equatable {
  public var version: Int
  public var name: String
  /// The statements, in order, for SQLite and for PostgreSQL.
  var sqlite: [String]
  var postgres: [String]

  func statements(_ dialect: SQLDialect) -> [String] {
    dialect == .sqlite ? sqlite : postgres
  }

  /// Every migration this binary knows, oldest first.
  public static let all: [SchemaMigration] = [journalTables, recoveryTables, amendmentTable]

  /// The newest version this binary knows.
  public static var latest: Int { all.last?.version ?? 0 }

  /// The tables the journal writes (each append-only).
  static let journalTableNames = [
    "tradehost_sessions", "tradehost_session_stops", "instruments", "slot_versions", "orders",
    "order_events", "fills", "deployment_actions", "audit",
  ]

  /// Version 1: sessions and their stop markers, instruments, slot versions, orders, order
  /// events, fills, deployment actions and the audit trail; every table append-only.
  static let journalTables: SchemaMigration = {
    let tables = [
      """
      CREATE TABLE tradehost_sessions (session_id BIGINT PRIMARY KEY, started_at BIGINT NOT NULL,
        note TEXT NOT NULL)
      """,
      """
      CREATE TABLE tradehost_session_stops (session_id BIGINT PRIMARY KEY
        REFERENCES tradehost_sessions (session_id), stopped_at BIGINT NOT NULL)
      """,
      """
      CREATE TABLE instruments (session_id BIGINT NOT NULL, instrument_id BIGINT NOT NULL,
        symbol TEXT NOT NULL, venue TEXT NOT NULL, currency TEXT NOT NULL,
        currency_precision INTEGER NOT NULL, price_precision INTEGER NOT NULL,
        size_precision INTEGER NOT NULL, PRIMARY KEY (session_id, instrument_id))
      """,
      """
      CREATE TABLE slot_versions (seq {seq}, session_id BIGINT NOT NULL, at BIGINT NOT NULL,
        slot INTEGER NOT NULL, name TEXT NOT NULL, role TEXT NOT NULL, strategy_id TEXT NOT NULL,
        version TEXT NOT NULL, sha256 TEXT)
      """,
      """
      CREATE TABLE orders (session_id BIGINT NOT NULL, client_order_id BIGINT NOT NULL,
        at BIGINT NOT NULL, slot INTEGER NOT NULL, instrument_id BIGINT NOT NULL,
        side TEXT NOT NULL, order_type TEXT NOT NULL, quantity BIGINT NOT NULL,
        size_precision INTEGER NOT NULL, limit_price BIGINT, trigger_price BIGINT,
        price_precision INTEGER NOT NULL, time_in_force TEXT NOT NULL,
        reduce_only INTEGER NOT NULL, client_tag BIGINT NOT NULL,
        PRIMARY KEY (session_id, client_order_id))
      """,
      """
      CREATE TABLE order_events (seq {seq}, session_id BIGINT NOT NULL,
        client_order_id BIGINT NOT NULL, at BIGINT NOT NULL, slot INTEGER NOT NULL,
        kind TEXT NOT NULL, leaves_quantity BIGINT NOT NULL, size_precision INTEGER NOT NULL,
        reason_code INTEGER NOT NULL)
      """,
      """
      CREATE TABLE fills (seq {seq}, session_id BIGINT NOT NULL, client_order_id BIGINT NOT NULL,
        at BIGINT NOT NULL, slot INTEGER NOT NULL, instrument_id BIGINT NOT NULL,
        side TEXT NOT NULL, quantity BIGINT NOT NULL, size_precision INTEGER NOT NULL,
        price BIGINT NOT NULL, price_precision INTEGER NOT NULL, fee BIGINT NOT NULL,
        fee_currency TEXT NOT NULL, fee_precision INTEGER NOT NULL, liquidity TEXT NOT NULL,
        trade_id BIGINT NOT NULL)
      """,
      """
      CREATE TABLE deployment_actions (seq {seq}, session_id BIGINT NOT NULL, at BIGINT NOT NULL,
        slot TEXT NOT NULL, action TEXT NOT NULL, detail TEXT NOT NULL)
      """,
      """
      CREATE TABLE audit (seq {seq}, session_id BIGINT NOT NULL, at BIGINT NOT NULL,
        source TEXT NOT NULL, scope TEXT NOT NULL, action TEXT NOT NULL, from_state TEXT,
        to_state TEXT, reason TEXT NOT NULL)
      """,
      "CREATE INDEX order_events_by_order ON order_events (session_id, client_order_id)",
      "CREATE INDEX fills_by_time ON fills (at)",
      "CREATE INDEX orders_by_time ON orders (at)",
    ]
    let sqliteTriggers = journalTableNames.flatMap { table in
      ["UPDATE", "DELETE"].map { operation in
        """
        CREATE TRIGGER \(table)_no_\(operation.lowercased()) BEFORE \(operation) ON \(table)
        BEGIN SELECT RAISE(ABORT, '\(table) is append-only'); END
        """
      }
    }
    let postgresTriggers =
      [
        """
        CREATE FUNCTION tradehost_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'P0001'; END $$
        """
      ]
      + journalTableNames.flatMap { table in
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
    return SchemaMigration(
      version: 1, name: "journal tables (append-only)",
      sqlite: tables.map { $0.replacing("{seq}", with: "INTEGER PRIMARY KEY") }
        + sqliteTriggers,
      postgres: tables.map {
        $0.replacing("{seq}", with: "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY")
      } + postgresTriggers)
  }()
}
