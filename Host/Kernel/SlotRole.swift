/// What a slot is for in a deployment. The role decides how its capital counts and which rules
/// judge it; the kernel itself treats every role alike except `shadow`.
public enum SlotRole: String, Sendable, CaseIterable, Codable {
  /// The version trading the account's main capital.
  case production
  /// A new version trading a small, capped share of the capital beside production.
  case canary
  /// A version that sees the same events and trades on paper only: its sub-ledger is off the
  /// account's books (no capital, no exposure, no account limits).
  case shadow
  /// One of two versions splitting capital by a ratio, compared with each other.
  case ab

  /// Whether the slot's sub-ledger counts in the account.
  public var isOnBook: Bool { self != .shadow }
}
