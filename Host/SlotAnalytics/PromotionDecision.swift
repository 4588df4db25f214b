/// What `PromotionRule.evaluate` concluded about a candidate version.
public enum PromotionDecision: Sendable, Equatable {
  /// Not enough evidence yet (trial not over, a statistic not yet defined, the difference not yet
  /// significant); ask again later.
  case wait(reason: String)
  /// The evidence so far fails a rule (or deployments are frozen); it is not promoted now.
  case blocked(reason: String)
  /// Every rule is met; the figures say why.
  case promote(Evidence)
}
