/// One thing wrong with a sizing rule or exit rules: the field (a dotted path such as
/// `takeProfit.rungs[1].rMultiple`) and why. The configuration loader prefixes the file and line.
public struct RiskConfigurationProblem: Hashable, Sendable, CustomStringConvertible {
  /// The offending field, as a dotted path from the rule.
  public var field: String
  /// What is wrong with it, as one sentence fragment (`must be positive, got -1.0`).
  public var reason: String

  public init(field: String, reason: String) {
    self.field = field
    self.reason = reason
  }

  public var description: String { "\(field): \(reason)" }
}
