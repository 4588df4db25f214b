/// A risk configuration, state file or audit file problem: one readable sentence.
public struct RiskError: Error, Equatable, Sendable, CustomStringConvertible {
  public let description: String

  public init(_ description: String) {
    self.description = description
  }
}
