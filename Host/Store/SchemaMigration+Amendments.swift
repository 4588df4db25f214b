extension SchemaMigration {
  /// The table migration 3 adds (append-only).
  static let amendmentTableNames = ["order_amendments"]

  /// Version 3: the amends venues confirmed (an order's new quantity and prices, from the
  /// confirmation on); append-only. The order's first quantity and prices stay in `orders`.
  static let amendmentTable: SchemaMigration = {
    let tables = [
      """
      CREATE TABLE order_amendments (seq {seq}, session_id BIGINT NOT NULL,
        client_order_id BIGINT NOT NULL, at BIGINT NOT NULL, slot INTEGER NOT NULL,
        quantity BIGINT NOT NULL, size_precision INTEGER NOT NULL, limit_price BIGINT,
        trigger_price BIGINT, price_precision INTEGER NOT NULL)
      """,
      """
      CREATE INDEX order_amendments_by_order ON order_amendments (session_id, client_order_id)
      """,
    ]
    return SchemaMigration(
      version: 3, name: "order amendments",
      sqlite: tables.map { $0.replacing("{seq}", with: "INTEGER PRIMARY KEY") }
        + appendOnlyTriggers(amendmentTableNames, .sqlite),
      postgres: tables.map {
        $0.replacing("{seq}", with: "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY")
      } + appendOnlyTriggers(amendmentTableNames, .postgres))
  }()
}
