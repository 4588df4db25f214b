/// A value bound to or read from a SQL statement.
enum SQLValue: Sendable, Equatable {
  case integer(Int64)
  case text(String)
  case null

  var integer: Int64? {
    if case .integer(let value) = self { return value }
    return nil
  }

  var text: String? {
    if case .text(let value) = self { return value }
    return nil
  }
}

/// The two SQL dialects the stores speak.
enum SQLDialect: Sendable, Equatable {
  case sqlite
  case postgres
}
