import Kernel
import SlotAnalytics

/// One slot as `tradehost slots` and reports show it: role, version, the version it would roll
/// back to, its live statistics since the version started, and how it compares with the slot
/// it is judged against. Plain data, built on the kernel thread.
public struct SlotReport: Sendable, Equatable {
  public var name: String
  public var role: SlotRole
  public var plugin: String
  public var version: String
  /// The version a rollback returns to, if one is kept.
  public var previousVersion: String?
  public var retired: Bool
  /// The risk wrapper's trading state of the slot.
  public var tradingState: String
  /// The slot it is compared with and promoted into.
  public var versus: String?
  /// The slot's equity now, a decimal in the account currency.
  public var equity: String
  /// The version's statistics since it started in this slot.
  public var scorecard: Scorecard
  /// The paired comparison with `versus` over the same periods, if any.
  public var comparison: ComparisonResult?
  /// Times the slot's strategy was swapped.
  public var swaps: Int
  /// The latest deployment outcome for this slot (one sentence), if any.
  public var lastOutcome: String?
  /// Why the promotion rule has not promoted the slot yet, if it has one.
  public var promotion: String?
}
