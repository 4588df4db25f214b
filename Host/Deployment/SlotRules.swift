import SlotAnalytics

/// How one slot is judged: when it is promoted, when it is rolled back, and against which slot.
/// Plain data from the run config.
public struct SlotRules: Sendable, Equatable {
  /// Promote the slot's version into `versus` when this rule passes (canary, shadow, A/B).
  public var promote: PromotionRule?
  /// Roll the slot back when this rule trips. For a production slot it applies while a
  /// previous version is kept (after a reload or a promotion).
  public var rollback: RollbackRule?
  /// The slot this one is compared with and promoted into; `nil`: the production slot (for an
  /// A/B slot, the other A/B slot for comparisons and the production slot for promotion).
  public var versus: String?

  public init(promote: PromotionRule? = nil, rollback: RollbackRule? = nil, versus: String? = nil) {
    self.promote = promote
    self.rollback = rollback
    self.versus = versus
  }
}
