/// Problems in a run config or in run flags: every problem at once, each naming the file, line
/// and column (when known) and what is wrong.
public struct PlanError: Error, Sendable, CustomStringConvertible, Equatable {
  /// One problem.
  public struct Problem: Sendable, Equatable, CustomStringConvertible {
    public var file: String?
    public var line: Int?
    public var column: Int?
    public var message: String

    public var description: String {
      guard var place = file else { return message }
      if let line { place += ":\(line)" }
      if let column { place += ":\(column)" }
      return "\(place): \(message)"
    }
  }

  public var problems: [Problem]

  public init(_ problems: [Problem]) {
    self.problems = problems
  }

  /// A single problem without a place (flags).
  public init(_ message: String) {
    self.problems = [Problem(file: nil, line: nil, column: nil, message: message)]
  }

  public var description: String {
    problems.map(\.description).joined(separator: "\n")
  }
}
