/// Why a text is not valid JSON, and where: `column` counts UTF-8 bytes from 1.
///
/// `description` is one sentence such as "expected ',' or '}' after an object member, found ']'
/// (column 12)".
public struct JSONSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The 1-based byte offset of the problem in the UTF-8 text.
  public let column: Int
  /// What is wrong, including what was found there.
  public let problem: String

  /// An error at `column` (from 1); `problem` ends with what was found there.
  public init(column: Int, problem: String) {
    self.column = column
    self.problem = problem
  }

  public var description: String { "\(problem) (column \(column))" }
}
