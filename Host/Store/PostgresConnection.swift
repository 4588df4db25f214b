import CLibPQ

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One connection to a PostgreSQL server through libpq: statements with parameters are
/// prepared once per connection (`PQprepare`, then `PQexecPrepared`), values travel as text,
/// SQLSTATEs are mapped to `StoreError`s that name the server (never the password).
///
/// One thread at a time (the journal writer's).
final class PostgresConnection: SQLConnection {
  let dialect = SQLDialect.postgres
  let storeName: String
  private let connection: OpaquePointer
  private var statements: [String: String] = [:]

  /// Connects to `url` (`postgres://user:password@host:port/database`, or any libpq connection
  /// string), giving up after `connect_timeout` seconds (5 unless the URL says).
  init(url: String) throws(StoreError) {
    let name = "PostgreSQL store \(Self.describe(url))"
    storeName = name
    let keywords = ["connect_timeout", "dbname"]
    let values = ["5", url]
    let made: OpaquePointer? = withCStrings(keywords) { keys in
      withCStrings(values) { vals in PQconnectdbParams(keys, vals, 1) }
    }
    guard let made else {
      throw StoreError(store: name, kind: .failed, message: "libpq could not allocate a connection")
    }
    guard PQstatus(made) == CONNECTION_OK else {
      let message = Self.trimmed(PQerrorMessage(made))
      PQfinish(made)
      let auth =
        message.contains("password authentication failed") || message.contains("no password")
        || message.contains("authentication failed") || message.contains("role \"")
      throw StoreError(
        store: name, kind: auth ? .credentials : .unreachable,
        message: auth
          ? "the server refused the credentials (\(message)); nothing was written"
          : "cannot connect (\(message)); nothing was written")
    }
    connection = made
    PQsetNoticeProcessor(connection, { _, _ in }, nil)
  }

  deinit { PQfinish(connection) }

  @discardableResult
  func run(_ sql: String, _ parameters: [SQLValue]) throws(StoreError) -> [[SQLValue]] {
    let result: OpaquePointer?
    if parameters.isEmpty {
      result = PQexec(connection, Self.numbered(sql))
    } else {
      let statement = try prepared(sql, count: parameters.count)
      let texts: [String?] = parameters.map {
        switch $0 {
        case .integer(let number): String(number)
        case .text(let text): text
        case .null: nil
        }
      }
      result = withOptionalCStrings(texts) { values in
        PQexecPrepared(connection, statement, Int32(values.count), values.baseAddress, nil, nil, 0)
      }
    }
    defer { PQclear(result) }
    let status = PQresultStatus(result)
    guard status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK else {
      throw error(result)
    }
    let rowCount = PQntuples(result)
    let columnCount = PQnfields(result)
    var rows: [[SQLValue]] = []
    rows.reserveCapacity(Int(rowCount))
    for rowIndex in 0..<rowCount {
      var row: [SQLValue] = []
      for column in 0..<columnCount {
        if PQgetisnull(result, rowIndex, column) == 1 {
          row.append(.null)
          continue
        }
        let text = String(cString: PQgetvalue(result, rowIndex, column))
        switch PQftype(result, column) {
        case 20, 21, 23:  // int8, int2, int4
          guard let number = Int64(text) else {
            throw StoreError(
              store: storeName, kind: .corrupt, message: "the server sent '\(text)' for an integer")
          }
          row.append(.integer(number))
        default: row.append(.text(text))
        }
      }
      rows.append(row)
    }
    return rows
  }

  func tableNames() throws(StoreError) -> [String] {
    try run(
      "SELECT table_name::text FROM information_schema.tables WHERE table_schema = current_schema()",
      []
    ).compactMap { $0[0].text }
  }

  /// Ours when the schema table is there, or when none of the journal's tables is (a database
  /// may hold other programs' tables beside ours).
  func checkOwnership() throws(StoreError) {
    let tables = Set(try tableNames())
    if tables.contains("tradehost_schema") { return }
    let clashes = (SchemaMigration.journalTableNames + SchemaMigration.recoveryTableNames
      + SchemaMigration.amendmentTableNames).filter { tables.contains($0) }
    guard clashes.isEmpty else {
      throw StoreError(
        store: storeName, kind: .foreign,
        message:
          "the database has tables named like the journal's (\(clashes.joined(separator: ", "))) but no tradehost_schema: they belong to another program; use another database (nothing was written)"
      )
    }
  }

  /// PostgreSQL has no application id: the schema table marks the database as ours.
  func claim() throws(StoreError) {}

  private func prepared(_ sql: String, count: Int) throws(StoreError) -> String {
    if let name = statements[sql] { return name }
    let name = "tradehost_\(statements.count + 1)"
    let result = PQprepare(connection, name, Self.numbered(sql), Int32(count), nil)
    defer { PQclear(result) }
    guard PQresultStatus(result) == PGRES_COMMAND_OK else { throw error(result) }
    statements[sql] = name
    return name
  }

  /// `?` placeholders as `$1`, `$2`, ... (the journal's SQL has no `?` inside literals).
  static func numbered(_ sql: String) -> String {
    var output = ""
    var number = 0
    for character in sql {
      if character == "?" {
        number += 1
        output += "$\(number)"
      } else {
        output.append(character)
      }
    }
    return output
  }

  private func error(_ result: OpaquePointer?) -> StoreError {
    let state = PQresultErrorField(result, Int32(UInt8(ascii: "C"))).map { String(cString: $0) } ?? ""
    let message = Self.trimmed(
      result.flatMap { PQresultErrorMessage($0) } ?? PQerrorMessage(connection))
    let text = message.isEmpty ? Self.trimmed(PQerrorMessage(connection)) : message
    if PQstatus(connection) != CONNECTION_OK || state.hasPrefix("08") {
      return StoreError(
        store: storeName, kind: .unreachable,
        message: "the connection was lost (\(text)); the batch was not confirmed")
    }
    switch state {
    case "23505":
      return StoreError(
        store: storeName, kind: .duplicate,
        message: "a record is already journaled (\(text)); nothing of this batch was written")
    case "P0001" where text.contains("append-only"):
      return StoreError(
        store: storeName, kind: .appendOnly, message: "\(text): journaled records never change")
    case "53100":
      return StoreError(
        store: storeName, kind: .full,
        message: "the server's disk is full (\(text)); nothing of this batch was written")
    case "25006":
      return StoreError(
        store: storeName, kind: .readOnly,
        message: "the server is read-only (\(text)); nothing was written")
    case "28P01", "28000":
      return StoreError(
        store: storeName, kind: .credentials, message: "the server refused the credentials (\(text))")
    default:
      return StoreError(
        store: storeName, kind: .failed,
        message: "PostgreSQL error\(state.isEmpty ? "" : " \(state)") (\(text))")
    }
  }

  private static func trimmed(_ text: UnsafePointer<CChar>?) -> String {
    guard let text else { return "" }
    var string = String(cString: text)
    while let last = string.last, last.isNewline || last == " " { string.removeLast() }
    return string.split(separator: "\n").joined(separator: "; ")
  }

  /// `user@host:port/database` from a URL or connection string, without the password.
  static func describe(_ url: String) -> String {
    var error: UnsafeMutablePointer<CChar>?
    guard let options = PQconninfoParse(url, &error) else {
      PQfreemem(error)
      return "(an unreadable connection string)"
    }
    defer { PQconninfoFree(options) }
    var fields: [String: String] = [:]
    var option = options
    while let keyword = option.pointee.keyword {
      if let value = option.pointee.val { fields[String(cString: keyword)] = String(cString: value) }
      option += 1
    }
    let user = fields["user"].map { "\($0)@" } ?? ""
    let host = fields["host"] ?? fields["hostaddr"] ?? "localhost"
    let port = fields["port"].map { ":\($0)" } ?? ""
    let database = fields["dbname"].map { "/\($0)" } ?? ""
    return "\(user)\(host)\(port)\(database)"
  }
}

/// Calls `body` with a C array of C strings that live for the call.
private func withCStrings<R>(
  _ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> R
) -> R {
  withOptionalCStrings(strings.map { Optional($0) }) { body($0.baseAddress!) }
}

/// The same for optional strings (`nil`: a NULL pointer, SQL NULL for libpq's values).
private func withOptionalCStrings<R>(
  _ strings: [String?], _ body: (UnsafeBufferPointer<UnsafePointer<CChar>?>) -> R
) -> R {
  var copies: [UnsafeMutablePointer<CChar>?] = strings.map { $0.map { strdup($0)! } }
  defer { for copy in copies { free(copy) } }
  copies.append(nil)
  return copies.withUnsafeBufferPointer { buffer in
    buffer.withMemoryRebound(to: UnsafePointer<CChar>?.self) { pointers in
      body(UnsafeBufferPointer(rebasing: pointers.dropLast()))
    }
  }
}
