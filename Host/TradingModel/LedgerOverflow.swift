/// Why the ledger refused a fill or a mark: an amount would not fit what the ledger can hold
/// exactly. The ledger (`Portfolio`, `SlotLedger`, `Position`) checks every operation and, on a
/// refusal, is left exactly as it was: nothing is clamped, nothing traps. `what` names the
/// amount (a static sentence, so a refusal allocates nothing). Plain data, any thread.
public struct LedgerOverflow: Error, Hashable, Sendable, CustomStringConvertible {
  /// The amount that would not fit, as a phrase ("the position's value").
  public let what: StaticString

  public init(_ what: StaticString) { self.what = what }

  public static func == (lhs: LedgerOverflow, rhs: LedgerOverflow) -> Bool {
    lhs.what.description == rhs.what.description
  }
  public func hash(into hasher: inout Hasher) { hasher.combine(what.description) }

  public var description: String { "\(what) would exceed what the ledger can hold" }

  /// The signed quantity of the position.
  public static let quantity = LedgerOverflow("the position's quantity")
  /// The position's value (its cost basis, or its quantity at the fill price or the mark).
  public static let positionValue = LedgerOverflow("the position's value")
  /// The position's unrealized PnL at the mark.
  public static let unrealizedPnL = LedgerOverflow("the position's unrealized PnL")
  /// A realized PnL (the round trip's, the position's, the slot's or the account's).
  public static let realizedPnL = LedgerOverflow("the realized PnL")
  /// A fee total.
  public static let fees = LedgerOverflow("the fees")
  /// A cash balance (the slot's or the account's).
  public static let cash = LedgerOverflow("the cash")
}
