/// What `RollbackRule.evaluate` needs to know about a slot beyond its tracker: the risk layer's
/// current verdicts. Each is the reason the risk layer gave (its audit sentence), or `nil` when
/// all is well. A plain value, any thread.
public struct SlotHealth: Sendable, Equatable {
  /// Why the slot's risk state left `active` because a limit was breached (loss limit, drawdown
  /// limit, runaway guard), or `nil`.
  public var limitBreached: String?
  /// Why a health breaker of the slot (plugin error rate, venue errors, latency) is open, or
  /// `nil`.
  public var breakerTripped: String?

  public init(limitBreached: String? = nil, breakerTripped: String? = nil) {
    self.limitBreached = limitBreached
    self.breakerTripped = breakerTripped
  }
}
