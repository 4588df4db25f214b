import TradingModel

/// What the risk gate sees about one order besides the order itself (whose `instrument` is the
/// id): the slot, the slot's position and the market, at the kernel's clock. Plain values, no
/// references: building one per intent costs no retain.
public struct RiskContext {
  /// The slot that sent the order.
  public var slot: SlotID
  /// The slot's signed position in the instrument before the order.
  public var position: Quantity
  /// The last market price of the instrument (a bar's close, a quote's mid, a trade), if any.
  public var lastPrice: Price?
  /// The kernel clock's time, ns.
  public var now: Int64
  /// The strategy's (or its model's) estimate of the trade's win probability, in (0, 1), and
  /// payoff ratio, > 0, for host sizing (ABI 1.1 intent fields; `nil` when absent or invalid).
  public var winProbability: Double?
  public var payoffRatio: Double?

  public init(
    slot: SlotID, position: Quantity, lastPrice: Price?, now: Int64,
    winProbability: Double? = nil, payoffRatio: Double? = nil
  ) {
    self.slot = slot
    self.position = position
    self.lastPrice = lastPrice
    self.now = now
    self.winProbability = winProbability
    self.payoffRatio = payoffRatio
  }
}

/// The seam between strategies and execution: every order of every slot passes `check` before it
/// reaches a venue, in backtest, paper and live alike. The kernel ships `BasicRiskGate`; the risk
/// wrapper (module `Risk`: trading states, loss limits, breakers, kill switch) implements it too.
///
/// Implementation requirements:
/// - Every method is called on the kernel thread, synchronously, on the path from a market event
///   to an order decision: none may block, and none may allocate in steady state.
/// - `attach` is called once, at the end of `Kernel.init`, before any event. The gate may keep
///   the kernel (unowned: the kernel owns the gate) and read it through its risk API
///   (`Kernel+Risk.swift`) at any time.
/// - `check` may shrink `order.quantity` (never enlarge it: the kernel denies an enlarged order
///   with `DenialReason.gateEnlargedOrder`) and answers `nil` to approve or a reason to deny.
///   It runs inside a strategy's host call and must not act on the kernel (no cancels, no
///   orders): a gate that decides to act there sets `hasPendingActions` and acts in
///   `performPendingActions`, which the kernel calls after the strategy's callback returns.
/// - `didFill` sees every fill after the portfolio applied it, with what the fill did to the
///   slot's position. It must not act on the kernel either (same rule as `check`).
/// - `observe` sees each market event after the venue matched it and the portfolio marked it,
///   before any strategy does; `idle` is the paper and live drivers' timer between events. Both
///   may act on the kernel: cancel orders and close positions through `Kernel+Risk.swift`.
public protocol RiskGate: AnyObject {
  /// The kernel this gate guards; called once, before any event. Throws when the gate's
  /// configuration does not fit the run (an unknown slot or instrument, a rule an instrument
  /// cannot follow); the kernel is not built then.
  func attach(to kernel: Kernel) throws(KernelError)
  /// Approves (`nil`) or denies an order, possibly shrinking it.
  func check(_ order: inout Order, context: RiskContext) -> DenialReason?
  /// A fill was applied to the portfolio; `change` is what it did to the slot's position.
  func didFill(_ fill: Fill, change: PositionChange)
  /// An order (a strategy's approved order or a host order) is about to reach the venue; with
  /// `didFill` and `orderEnded` the gate can count working orders against its limits.
  func orderRouted(_ order: Order)
  /// An order left the venue unfilled or partly filled (cancelled, expired, rejected) with
  /// `order.leavesQuantity` never to fill.
  func orderEnded(_ order: Order)
  /// A market event was matched and marked; strategies see it next.
  func observe(_ event: MarketEvent)
  /// The driver's timer: no event arrived, the clock reads `now`.
  func idle(at now: Int64)
  /// A venue accepted or rejected an order after `latencyNanos` (venue health). Same rule as
  /// `check`: must not act on the kernel.
  func venueReport(instrument: InstrumentID, accepted: Bool, latencyNanos: Int64)
  /// Whether `performPendingActions` has work (read after every strategy callback: keep it a
  /// stored property).
  var hasPendingActions: Bool { get }
  /// Acts on what `check` or `didFill` decided (cancels, exits).
  func performPendingActions()
  /// The trading state of `slot` (the account's when `nil`) for status displays: `active`,
  /// `reducing`, `paused` or `halted`. Called between events; may allocate.
  func stateName(slot: SlotID?) -> String
  /// Why `slot` (the account when `nil`) is not active, in one sentence, or `nil` while it is
  /// (status displays). Called between events; may allocate.
  func stateReason(slot: SlotID?) -> String?
  /// Whether automatic deployments are frozen (the risk wrapper's weekly drawdown freeze):
  /// promotions wait until an operator lifts it. Read by the slot supervisor between events.
  var deploymentsFrozen: Bool { get }
  /// Whether `slot`'s plugin-health breaker is open. Read by the slot supervisor between events.
  func breakerOpen(slot: SlotID) -> Bool
  /// `slot` was handed more than `limit` order events within one kernel step (its strategy
  /// answers order events with new orders); the kernel drops the rest of that step's. Called
  /// once per step that overflows, between callbacks: the gate may act on the kernel (the risk
  /// wrapper's runaway guard halts the slot).
  func orderEventFlood(slot: SlotID, limit: Int, at now: Int64)
}

extension RiskGate {
  public func attach(to kernel: Kernel) throws(KernelError) {}
  public func observe(_ event: MarketEvent) {}
  public func idle(at now: Int64) {}
  public func venueReport(instrument: InstrumentID, accepted: Bool, latencyNanos: Int64) {}
  public func orderRouted(_ order: Order) {}
  public func orderEnded(_ order: Order) {}
  public var hasPendingActions: Bool { false }
  public func performPendingActions() {}
  public func stateName(slot: SlotID?) -> String { "active" }
  public func stateReason(slot: SlotID?) -> String? { nil }
  public var deploymentsFrozen: Bool { false }
  public func breakerOpen(slot: SlotID) -> Bool { false }
  public func orderEventFlood(slot: SlotID, limit: Int, at now: Int64) {}
}

extension DenialReason {
  /// A risk gate returned a larger order than the strategy proposed (a gate bug).
  public static let gateEnlargedOrder = DenialReason(
    code: 90, text: "the risk gate enlarged the order")
}
