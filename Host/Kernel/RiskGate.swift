import TradingModel

/// What the risk gate sees about one order: the slot, the instrument, the slot's position and
/// the market, at the kernel's clock.
public struct RiskContext {
  /// The slot that sent the order.
  public var slot: SlotID
  /// The order's instrument.
  public var instrument: Instrument
  /// The slot's signed position in the instrument before the order.
  public var position: Quantity
  /// The last market price of the instrument (a bar's close, a quote's mid, a trade), if any.
  public var lastPrice: Price?
  /// The kernel clock's time, ns.
  public var now: Int64

  public init(
    slot: SlotID, instrument: Instrument, position: Quantity, lastPrice: Price?, now: Int64
  ) {
    self.slot = slot
    self.instrument = instrument
    self.position = position
    self.lastPrice = lastPrice
    self.now = now
  }
}

/// The seam between strategies and execution: every order of every slot passes `check` before it
/// reaches a venue, in backtest, paper and live alike. The kernel ships `BasicRiskGate`; the full
/// risk wrapper (trading states, loss limits, breakers, kill switch) implements this protocol.
///
/// Implementation requirements:
/// - Called on the kernel thread, synchronously, on the path from a market event to an order
///   decision: must not block, must not allocate, must not call back into the kernel.
/// - `check` may shrink `order.quantity` (never enlarge it: the kernel denies an enlarged order
///   with `DenialReason.gateEnlargedOrder`) and answers `nil` to approve or a reason to deny.
/// - `didFill` sees every fill after the portfolio applied it (for limits that count fills).
///   It gets the fill only: handing the portfolio to an opaque call would copy it per fill; a
///   gate that needs account state reads it from the `RiskContext` of the next `check`.
public protocol RiskGate: AnyObject {
  /// Approves (`nil`) or denies an order, possibly shrinking it.
  func check(_ order: inout Order, context: RiskContext) -> DenialReason?
  /// A fill was applied to the portfolio.
  func didFill(_ fill: Fill)
}

extension DenialReason {
  /// A risk gate returned a larger order than the strategy proposed (a gate bug).
  public static let gateEnlargedOrder = DenialReason(
    code: 90, text: "the risk gate enlarged the order")
}
