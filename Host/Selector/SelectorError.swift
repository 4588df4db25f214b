/// A problem that stops the selector before or during a search: bad settings, a strategy that
/// cannot be searched, an unreadable or inconsistent `--resume` folder. Every problem found is
/// listed, one sentence each, naming what is wrong and where.
public struct SelectorError: Error, Sendable, Equatable, CustomStringConvertible {
  public var problems: [String]

  public init(_ problems: [String]) {
    self.problems = problems
  }

  public init(_ problem: String) {
    self.problems = [problem]
  }

  public var description: String { problems.joined(separator: "\n") }
}
