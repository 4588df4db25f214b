/// One thing wrong with a calendar file (or with a `DailySchedule`'s settings), located as
/// precisely as the input allows.
///
/// `description` is `file:line:column: message`, leaving out what is unknown, the format compilers
/// use so editors can jump to it.
public struct CalendarProblem: Error, Sendable, Hashable, CustomStringConvertible {
  /// The file's path as given, or nil for settings that come from no file.
  public let file: String?
  /// 1-based line, if the problem has a place in the file.
  public let line: Int?
  /// 1-based column, counted in Unicode scalars, if known.
  public let column: Int?
  /// One sentence, starting with the key path (YAML) or column name (CSV) when there is one:
  /// `calendars.XNYS.zone: unknown time zone ...`, `before: expected a duration ...`.
  public let message: String

  public init(file: String?, line: Int? = nil, column: Int? = nil, message: String) {
    self.file = file
    self.line = line
    self.column = line == nil ? nil : column
    self.message = message
  }

  public var description: String {
    guard var location = file else { return message }
    if let line {
      location += ":\(line)"
      if let column { location += ":\(column)" }
    }
    return "\(location): \(message)"
  }
}
