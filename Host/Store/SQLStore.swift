import TradingModel

/// The journal on a SQL database (SQLite or PostgreSQL): the schema's migrations, the session
/// markers, the batched appends and the history reads, written once for both dialects over a
/// `SQLConnection`. See `Store` for the contract.
final class SQLStore: Store {
  let connection: any SQLConnection

  init(connection: any SQLConnection) {
    self.connection = connection
  }

  var name: String { connection.storeName }

  func status() throws(StoreError) -> SchemaStatus {
    try connection.checkOwnership()
    guard try connection.tableNames().contains("tradehost_schema") else {
      return SchemaStatus(version: 0, latest: SchemaMigration.latest, applied: [])
    }
    let rows = try connection.run(
      "SELECT version, name, applied_at FROM tradehost_schema ORDER BY version", [])
    var applied: [SchemaStatus.Applied] = []
    for row in rows {
      guard let version = row[0].integer, let name = row[1].text, let at = row[2].integer else {
        throw failure(.corrupt, "the table tradehost_schema holds a row this binary cannot read")
      }
      applied.append(.init(version: Int(version), name: name, appliedAt: at))
    }
    return SchemaStatus(
      version: applied.last?.version ?? 0, latest: SchemaMigration.latest, applied: applied)
  }

  @discardableResult
  func migrate(at time: Int64) throws(StoreError) -> [SchemaMigration] {
    let current = try status()
    if current.isNewer { throw StoreError.newer(current, store: name) }
    let pending = current.pending
    guard !pending.isEmpty else { return [] }
    if current.version == 0 {
      try connection.transaction { () throws(StoreError) in
        try connection.claim()
        try connection.execute(
          """
          CREATE TABLE IF NOT EXISTS tradehost_schema (version INTEGER PRIMARY KEY,
            name TEXT NOT NULL, applied_at BIGINT NOT NULL)
          """)
      }
    }
    for migration in pending {
      try connection.transaction { () throws(StoreError) in
        for statement in migration.statements(connection.dialect) {
          try connection.execute(statement)
        }
        try connection.run(
          "INSERT INTO tradehost_schema (version, name, applied_at) VALUES (?, ?, ?)",
          [.integer(Int64(migration.version)), .text(migration.name), .integer(time)])
      }
    }
    return pending
  }

  func beginSession(at time: Int64, note: String) throws(StoreError) -> Int64 {
    try requireCurrentSchema()
    return try connection.transaction { () throws(StoreError) -> Int64 in
      let rows = try connection.run(
        "SELECT COALESCE(MAX(session_id), 0) FROM tradehost_sessions", [])
      let id = (rows.first?.first?.integer ?? 0) + 1
      try connection.run(
        "INSERT INTO tradehost_sessions (session_id, started_at, note) VALUES (?, ?, ?)",
        [.integer(id), .integer(time), .text(note)])
      return id
    }
  }

  func append(_ records: [JournalRecord], session: Int64) throws(StoreError) {
    guard !records.isEmpty else { return }
    // Each table's rows in journal order, written in multi-row chunks; the batch is one
    // transaction, so the order between tables does not matter to a reader.
    var tables = [[[SQLValue]]](repeating: [], count: SQLRows.Table.allCases.count)
    for record in records {
      let (table, values) = SQLRows.row(record, session: session)
      tables[table.rawValue].append(values)
    }
    try connection.transaction { () throws(StoreError) in
      for (index, rows) in tables.enumerated() where !rows.isEmpty {
        var start = 0
        while rows.count - start >= SQLRows.chunk {
          let values = rows[start..<start + SQLRows.chunk].flatMap { $0 }
          try connection.run(SQLRows.chunkInserts[index], values)
          start += SQLRows.chunk
        }
        for row in rows[start...] { try connection.run(SQLRows.singleInserts[index], row) }
      }
    }
  }

  func sessions() throws(StoreError) -> [SessionRecord] {
    try requireCurrentSchema()
    let rows = try connection.run(
      """
      SELECT s.session_id, s.started_at, s.note, t.stopped_at FROM tradehost_sessions s
      LEFT JOIN tradehost_session_stops t ON t.session_id = s.session_id ORDER BY s.session_id
      """, [])
    return try rows.map { row throws(StoreError) in
      guard let id = row[0].integer, let start = row[1].integer, let note = row[2].text else {
        throw failure(.corrupt, "a session row cannot be read")
      }
      return SessionRecord(id: id, startedAt: start, note: note, stoppedAt: row[3].integer)
    }
  }

  func history(_ query: HistoryQuery) throws(StoreError) -> History {
    try requireCurrentSchema()
    var orders: [History.OrderRow] = []
    for row in try connection.run(SQLRows.orderQuery(query), SQLRows.parameters(query)) {
      guard let decoded = SQLRows.orderRow(row) else {
        throw failure(.corrupt, "an order row cannot be read")
      }
      orders.append(decoded)
    }
    var fills: [History.FillRow] = []
    for row in try connection.run(SQLRows.fillQuery(query), SQLRows.parameters(query)) {
      guard let decoded = SQLRows.fillRow(row) else {
        throw failure(.corrupt, "a fill row cannot be read")
      }
      fills.append(decoded)
    }
    return History(orders: orders, fills: fills)
  }

  /// Readers and writers need the schema this binary writes: an empty store has no journal
  /// yet, a newer one may not be touched.
  func requireCurrentSchema() throws(StoreError) {
    let current = try status()
    if current.isNewer { throw StoreError.newer(current, store: name) }
    if current.version < current.latest {
      throw failure(
        .missing,
        current.version == 0
          ? "no journal here yet (run `tradehost db migrate`, or start a host on it)"
          : "the schema is at version \(current.version), this binary needs \(current.latest) (run `tradehost db migrate`)"
      )
    }
  }

  private func failure(_ kind: StoreError.Kind, _ message: String) -> StoreError {
    StoreError(store: name, kind: kind, message: message)
  }
}
