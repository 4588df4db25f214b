/// One thing wrong with a manifest file, located as precisely as the input allows.
///
/// `description` is `file:line:column: message`, leaving out the line and column when unknown,
/// the format compilers use so editors can jump to it.
public struct ManifestProblem: Error, Sendable, Hashable, CustomStringConvertible {
  /// The manifest's path as given.
  public let file: String
  /// 1-based line, if the problem has a place in the file.
  public let line: Int?
  /// 1-based column, counted in Unicode scalars, if known.
  public let column: Int?
  /// One sentence, starting with the key path when there is one: `parameters.fast.default: ...`.
  public let message: String

  public init(file: String, line: Int? = nil, column: Int? = nil, message: String) {
    self.file = file
    self.line = line
    self.column = line == nil ? nil : column
    self.message = message
  }

  public var description: String {
    var location = file
    if let line {
      location += ":\(line)"
      if let column { location += ":\(column)" }
    }
    return "\(location): \(message)"
  }
}
