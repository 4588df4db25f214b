/// Why a market-data file could not be read: which file, where in it, and what is wrong.
///
/// `description` is `path:line:column (name): message` (the form compilers use, so editors can
/// jump to it), leaving out what is unknown: a file-level problem such as an empty file is
/// `path: message`. Lines and columns are 1-based; the column is the field's position in the row.
/// The reader never throws anything else and never traps on bad input.
public struct DataError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The file's path as the caller gave it.
  public let path: String
  /// 1-based line, when the problem has a place in the file.
  public let line: Int?
  /// 1-based field number in the row, when the problem is one field.
  public let column: Int?
  /// The column's name (from the header, or the layout's default name), when known.
  public let columnName: String?
  /// What kind of problem it is (for programs; people read `message`).
  public let code: Code
  /// One sentence saying what is wrong.
  public let message: String

  public init(
    path: String, line: Int? = nil, column: Int? = nil, columnName: String? = nil, code: Code,
    message: String
  ) {
    self.path = path
    self.line = line
    self.column = line == nil ? nil : column
    self.columnName = columnName
    self.code = code
    self.message = message
  }

  public var description: String {
    var location = path
    if let line {
      location += ":\(line)"
      if let column { location += ":\(column)" }
    }
    if let columnName { location += " (\(columnName))" }
    return "\(location): \(message)"
  }
}
