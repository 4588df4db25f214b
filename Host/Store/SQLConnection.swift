/// One connection to a SQL database, as `SQLStore` uses it: statements written with `?`
/// placeholders (the PostgreSQL connection numbers them), values as `SQLValue`. Errors are
/// `StoreError`s naming the store. One thread at a time.
protocol SQLConnection: AnyObject {
  var dialect: SQLDialect { get }
  /// The store in messages.
  var storeName: String { get }
  /// Runs one statement with `parameters`, returning its rows (empty for a write).
  @discardableResult
  func run(_ sql: String, _ parameters: [SQLValue]) throws(StoreError) -> [[SQLValue]]
  /// The names of the tables in the database (the foreign-database check).
  func tableNames() throws(StoreError) -> [String]
  /// Checks, before the first migration, that the database is one this program may take:
  /// throws `foreign` when it belongs to another program.
  func checkOwnership() throws(StoreError)
  /// Marks an empty database as TradeHost's (SQLite: its application id), inside the first
  /// migration's transaction.
  func claim() throws(StoreError)
}

extension SQLConnection {
  func execute(_ sql: String) throws(StoreError) { try run(sql, []) }

  /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
  func transaction<T>(_ body: () throws(StoreError) -> T) throws(StoreError) -> T {
    try execute("BEGIN")
    do throws(StoreError) {
      let result = try body()
      try execute("COMMIT")
      return result
    } catch {
      try? execute("ROLLBACK")
      throw error
    }
  }
}
