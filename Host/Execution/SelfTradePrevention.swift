/// What the simulator does when an order would match a resting order of the same slot in its
/// own book (a slot never trades with itself).
public enum SelfTradePrevention: String, Sendable, CaseIterable {
  /// Cancel the resting order and keep matching the incoming one (an exchange's "expire maker").
  case cancelResting = "cancel-resting"
  /// Cancel what is left of the incoming order ("expire taker").
  case cancelIncoming = "cancel-incoming"
  /// Cancel both.
  case cancelBoth = "cancel-both"
}
