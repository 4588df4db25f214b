/// Everything wrong with one calendar file (or with a `DailySchedule`'s settings), reported at
/// once.
///
/// `problems` is never empty and is sorted by line, then column, problems without a line first.
/// `description` has one line per problem.
public struct CalendarError: Error, Sendable, CustomStringConvertible {
  public let problems: [CalendarProblem]

  /// The problems, sorted by place (those without a line first, otherwise in the order given).
  public init(problems: [CalendarProblem]) {
    self.problems = problems.enumerated().sorted { a, b in
      let left = (a.element.line ?? 0, a.element.column ?? 0)
      let right = (b.element.line ?? 0, b.element.column ?? 0)
      return left != right ? left < right : a.offset < b.offset
    }.map(\.element)
  }

  /// A single problem with no place in a file.
  init(file: String?, message: String) {
    self.problems = [CalendarProblem(file: file, message: message)]
  }

  public var description: String {
    problems.map(\.description).joined(separator: "\n")
  }
}
