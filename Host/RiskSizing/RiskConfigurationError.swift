/// Why a sizing rule or a set of exit rules was refused: every problem found, not only the first,
/// so one edit of the configuration can fix them all.
public struct RiskConfigurationError: Error, Hashable, Sendable, CustomStringConvertible {
  /// Every problem, in the order the fields are declared. Never empty.
  public var problems: [RiskConfigurationProblem]

  public init(problems: [RiskConfigurationProblem]) {
    self.problems = problems
  }

  public var description: String {
    problems.map(\.description).joined(separator: "; ")
  }
}
