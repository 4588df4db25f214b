/// Why the host refused an order intent before it reached a venue. The raw value is the stable
/// `reason_code` of the `TH_EVENT_DENIED` event the strategy receives; `text` is its `reason`
/// (a static C string: building the event allocates nothing).
///
/// Codes 1-99 are the kernel's checks (intent well-formed, run state); the full risk wrapper adds
/// its own codes from 100 up through the `RiskGate` seam.
public struct DenialReason: Error, Hashable, Sendable, CustomStringConvertible {
  /// The stable code.
  public let code: Int32
  /// One sentence, NUL-terminated for the ABI.
  public let text: StaticString

  public init(code: Int32, text: StaticString) {
    self.code = code
    self.text = text
  }

  public static func == (lhs: DenialReason, rhs: DenialReason) -> Bool { lhs.code == rhs.code }
  public func hash(into hasher: inout Hasher) { hasher.combine(code) }

  public var description: String { "\(code): \(text)" }

  /// The intent names an instrument the run does not trade.
  public static let unknownInstrument = DenialReason(
    code: 1, text: "unknown instrument id")
  /// The side is neither buy nor sell.
  public static let invalidSide = DenialReason(code: 2, text: "invalid side")
  /// The order type is not one of market, limit, stop, stop-limit.
  public static let invalidOrderType = DenialReason(code: 3, text: "invalid order type")
  /// The time in force is not one of GTC, IOC, FOK, DAY.
  public static let invalidTimeInForce = DenialReason(code: 4, text: "invalid time in force")
  /// The quantity is NaN or infinite.
  public static let quantityNotFinite = DenialReason(code: 10, text: "quantity is NaN or infinite")
  /// The quantity is zero or negative.
  public static let quantityNotPositive = DenialReason(code: 11, text: "quantity is not positive")
  /// The quantity is not a whole number of lots, or has more decimals than the size precision.
  public static let quantityOffLot = DenialReason(
    code: 12, text: "quantity is not a whole number of lots")
  /// The quantity is below the instrument's minimum.
  public static let quantityBelowMinimum = DenialReason(
    code: 13, text: "quantity is below the instrument's minimum")
  /// The quantity does not fit the fixed-point range.
  public static let quantityOutOfRange = DenialReason(code: 14, text: "quantity is out of range")
  /// The order would take the slot's position beyond what the ledger can hold exactly
  /// (`Portfolio.amountLimit`, valued at the order's price or the last price), or its quantity
  /// past the integer range.
  public static let positionOutOfRange = DenialReason(
    code: 15, text: "the position would exceed what the ledger can hold")
  /// A fill the ledger refused (sent on the order's DENIED event after the venue filled it):
  /// an amount would exceed what it can hold; the books are unchanged.
  public static let fillOverflow = DenialReason(
    code: 16, text: "the fill was refused: an amount would exceed what the ledger can hold")
  /// A cash account's buy would cost more (with its fee) than the cash left: the account's
  /// cash less what its long positions cost and what its working buys hold (`AccountModel`).
  public static let cashInsufficient = DenialReason(
    code: 17, text: "cash account: the order would cost more than the cash left")
  /// A cash account's sell would take the slot short: it sells more than the slot holds less
  /// its working sells.
  public static let cashShortSale = DenialReason(
    code: 18, text: "cash account: no short selling (the order sells more than the slot holds)")
  /// A margin account's order would take the gross exposure (working orders counted as filled)
  /// past the maximum leverage times the equity.
  public static let marginLeverage = DenialReason(
    code: 19, text: "margin account: the gross exposure would exceed the maximum leverage")
  /// A limit or stop price is NaN or infinite.
  public static let priceNotFinite = DenialReason(code: 20, text: "price is NaN or infinite")
  /// A limit or stop price is zero or negative.
  public static let priceNotPositive = DenialReason(code: 21, text: "price is not positive")
  /// A limit or stop price is not a whole number of ticks.
  public static let priceOffTick = DenialReason(
    code: 22, text: "price is not a whole number of ticks")
  /// A limit or stop price does not fit the fixed-point range.
  public static let priceOutOfRange = DenialReason(code: 23, text: "price is out of range")
  /// The notional is below the instrument's minimum.
  public static let notionalBelowMinimum = DenialReason(
    code: 24, text: "notional is below the instrument's minimum")
  /// A market order arrived before any price of the instrument was known.
  public static let noMarketPrice = DenialReason(code: 25, text: "no market price yet")
  /// The quantity exceeds the configured maximum order quantity.
  public static let maxOrderQuantity = DenialReason(
    code: 30, text: "quantity exceeds the maximum order quantity")
  /// A reduce-only order would open or increase a position.
  public static let reduceOnlyWouldIncrease = DenialReason(
    code: 31, text: "reduce-only order would increase the position")
  /// The host is stopping.
  public static let stopping = DenialReason(code: 41, text: "the host is stopping")
  // Code 42 ("too many open orders") was never sent and is retired: a full order table is the
  // venue's rejection (`TH_EVENT_REJECTED`), not a denial.
  /// The instrument's venue did not declare the order's type.
  public static let venueOrderType = DenialReason(
    code: 43, text: "the instrument's venue does not take this order type")
  /// The instrument's venue did not declare the order's time in force.
  public static let venueTimeInForce = DenialReason(
    code: 44, text: "the instrument's venue does not take this time in force")
  /// The instrument's venue did not declare reduce-only orders.
  public static let venueReduceOnly = DenialReason(
    code: 45, text: "the instrument's venue does not take reduce-only orders")
  /// The instrument's venue did not declare post-only orders.
  public static let venuePostOnly = DenialReason(
    code: 48, text: "the instrument's venue does not take post-only orders")
  /// The instrument's venue did not declare linked orders (OCO, a parent: brackets).
  public static let venueLinkedOrder = DenialReason(
    code: 49, text: "the instrument's venue does not take linked orders (OCO, parent)")
  /// The order could not be marked submitted: it was not fresh (a risk gate handed back an
  /// order that had already gone through its lifecycle).
  public static let notSubmittable = DenialReason(
    code: 46, text: "the order could not be submitted: it is not a fresh order")
  /// The journal cannot take a new order: its store failed, or its queue is past the reserve
  /// kept for the events of orders already sent (docs/persistence.md).
  public static let journalUnavailable = DenialReason(
    code: 47, text: "the journal cannot take new orders (store failed or queue full)")

  /// An amend that changes nothing (the quantity and prices asked are the order's own).
  public static let amendUnchanged = DenialReason(code: 26, text: "the amend changes nothing")
  /// An amend of an order that is not working: not yet acknowledged by its venue, or being
  /// cancelled.
  public static let notAmendable = DenialReason(
    code: 27, text: "the order cannot be amended now: not acknowledged yet, or being cancelled")
  /// An amend asking for no more than has filled, or for a price the order's type lacks.
  public static let amendInvalid = DenialReason(
    code: 28,
    text: "the amend asks for no more than has filled, or for a price the order's type does not have")
  /// The order's venue does not amend orders (it did not declare `TH_EXCHANGE_AMEND`).
  public static let venueAmend = DenialReason(
    code: 50, text: "the instrument's venue does not amend orders")
}
