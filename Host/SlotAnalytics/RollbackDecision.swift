/// What `RollbackRule.evaluate` concluded about a running version.
public enum RollbackDecision: Sendable, Equatable {
  /// No rollback trigger fired.
  case keep
  /// A trigger fired; the evidence names it and its figures.
  case rollBack(Evidence)
}
