/// One order of one strategy slot and its progress: a value type whose state only moves through
/// `apply(_:at:)` and `applyFill(_:)`, both checked against `OrderLifecycle` and both
/// allocation-free. Usable from any thread (the kernel keeps it on its event loop).
///
/// A refused event throws `OrderTransitionError` and leaves the order unchanged.
public struct Order: Sendable, Hashable {
  /// The strategy's id for the order.
  public let clientOrderID: ClientOrderID
  /// The slot that owns it.
  public let slot: SlotID
  /// The instrument.
  public let instrument: InstrumentID
  /// Buy or sell.
  public let side: OrderSide
  /// The ordered size: positive, at the instrument's size precision.
  public internal(set) var quantity: Quantity
  /// Market, limit, stop or stop-limit; its prices change only through `amend(to:at:)`.
  public internal(set) var type: OrderType
  /// How long it works.
  public let timeInForce: TimeInForce
  /// May only reduce a position (the risk gateway enforces it).
  public let reduceOnly: Bool
  /// Creation time, ns since the epoch.
  public let createdAt: Int64
  /// The strategy's own tag (the ABI's `client_tag`), echoed on every event of the order; 0
  /// when none. Free for the kernel to set; the lifecycle never reads it.
  public var clientTag: UInt64 = 0
  /// Must add liquidity (the ABI's `TH_ORDER_FLAG_POST_ONLY`): a venue rejects a post-only order
  /// that would take liquidity on arrival. Only limit orders may be post-only.
  public var postOnly = false
  /// One triggers other (ABI 1.2 `parent_order_id`): the earlier order of the same slot this
  /// one waits for; it works only once that order has filled. 0 when none.
  public var parentOrderID: ClientOrderID = 0
  /// One cancels other (ABI 1.2 `oco_order_id`): the earlier order of the same slot whose first
  /// fill cancels this one, and the other way round. 0 when none.
  public var ocoOrderID: ClientOrderID = 0
  /// The price (raw, at the instrument's price precision) the kernel's account check valued
  /// the order at when it routed it: its limit or trigger price, or the last price for a
  /// market order; 0 before. Venues keep it with the order, so the kernel releases a working
  /// buy's cash reservation at the price it reserved (`AccountGuard`). The lifecycle never
  /// reads it.
  public var accountPrice: Int64 = 0

  /// Whether the order is linked to another (a parent or an OCO partner).
  @inlinable
  public var isLinked: Bool { parentOrderID != 0 || ocoOrderID != 0 }

  /// The current state.
  public internal(set) var state: OrderState
  /// While `pendingCancel`: the state a rejected cancel returns to; `nil` otherwise.
  public internal(set) var stateBeforeCancel: OrderState?
  /// The filled size (zero before the first fill).
  public internal(set) var filledQuantity: Quantity
  /// The time of the last event applied (`createdAt` before any).
  public internal(set) var updatedAt: Int64
  /// How many fills were applied.
  public internal(set) var fillCount: Int
  /// Σ `price.raw * quantity.raw` over the fills, exact. Cannot overflow: every price fits in
  /// `Int64` and the fills add up to at most `quantity`, so the sum stays below 2^126.
  var fillNotional: Int128
  /// The price precision of the fills (set by the first fill).
  var fillPricePrecision: UInt8

  /// A new order in `initialized`. `quantity` must be positive (the kernel checks sizes with
  /// `Instrument.quantity(fromDouble:)` first); a non-positive one is a programming error.
  public init(
    clientOrderID: ClientOrderID, slot: SlotID, instrument: InstrumentID, side: OrderSide,
    quantity: Quantity, type: OrderType, timeInForce: TimeInForce, reduceOnly: Bool,
    createdAt: Int64
  ) {
    precondition(quantity.raw > 0, "an order's quantity must be positive")
    self.clientOrderID = clientOrderID
    self.slot = slot
    self.instrument = instrument
    self.side = side
    self.quantity = quantity
    self.type = type
    self.timeInForce = timeInForce
    self.reduceOnly = reduceOnly
    self.createdAt = createdAt
    self.state = .initialized
    self.stateBeforeCancel = nil
    self.filledQuantity = .zero(precision: quantity.precision)
    self.updatedAt = createdAt
    self.fillCount = 0
    self.fillNotional = 0
    self.fillPricePrecision = type.limitPrice?.precision ?? type.triggerPrice?.precision ?? 0
  }

  /// The size still unfilled (`quantity - filledQuantity`).
  @inlinable
  public var leavesQuantity: Quantity { quantity - filledQuantity }

  /// The exact volume-weighted average of the fill prices, rounded half to even to the fills'
  /// price precision once; `nil` before the first fill.
  public var averageFillPrice: Price? {
    guard filledQuantity.raw > 0 else { return nil }
    let raw = FixedPoint.divideRoundingHalfEven(fillNotional, by: Int128(filledQuantity.raw))
    return Price(raw: Int64(raw), precision: fillPricePrecision)
  }

  /// Applies a non-fill event at `time` (ns). Throws, leaving the order unchanged, when the
  /// lifecycle table has no row for it, when it is a fill event (use `applyFill`), or when a
  /// pass-through event in `pendingCancel` is illegal from the state before the cancel.
  /// Allocation-free.
  public mutating func apply(_ kind: OrderEventKind, at time: Int64) throws(OrderTransitionError) {
    guard !kind.isFill else { throw refusal(kind, .fillRequiresQuantity) }
    try advance(on: kind, at: time)
  }

  /// Moves the state by the table, keeping `stateBeforeCancel` current; the order is unchanged
  /// when it throws.
  mutating func advance(on kind: OrderEventKind, at time: Int64) throws(OrderTransitionError) {
    let before = stateBeforeCancel ?? .accepted
    guard let next = OrderLifecycle.transition(from: state, on: kind, restoring: before) else {
      throw refusal(kind, .illegalTransition)
    }
    if state == .pendingCancel {
      if kind != .cancelRequested && kind != .cancelRejected {
        // An event that raced the cancel must be legal for the order the cancel left behind.
        guard let underlying = OrderLifecycle.transition(from: before, on: kind) else {
          throw refusal(kind, .illegalTransition)
        }
        if next == .pendingCancel { stateBeforeCancel = underlying }
      }
    } else if next == .pendingCancel {
      stateBeforeCancel = state
    }
    if next != .pendingCancel { stateBeforeCancel = nil }
    state = next
    updatedAt = time
  }

  func refusal(
    _ kind: OrderEventKind, _ reason: OrderTransitionError.Reason
  ) -> OrderTransitionError {
    OrderTransitionError(orderID: clientOrderID, from: state, event: kind, reason: reason)
  }
}
