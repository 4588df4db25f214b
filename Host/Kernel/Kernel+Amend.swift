import CTradeHostPlugin
import PluginHost
import Store
import TradingModel

/// Amends: a strategy changes a working order's quantity and prices (ABI 1.5 `amend_order`).
///
/// The path: the numbers are checked against the instrument (as an intent's are), the venue
/// must declare `.amend`, and the order must be working (accepted, triggered or partly filled).
/// The amended order's unfilled part then passes the ledger check, the risk gate and the
/// account model as a new order of that size would: the gate may shrink it (the amend then asks
/// for the filled part plus what was approved), never enlarge it. An amend that only lowers the
/// quantity at the same prices reduces risk and skips the gate. The gate and the account count
/// the new unfilled part as working from the request on; a venue's refusal undoes that.
/// Every refusal reaches the strategy as `TH_EVENT_AMEND_REJECTED` with a reason; the order
/// keeps working unchanged.
extension Kernel {
  /// [kernel-thread] An amend request from a slot's strategy. `TH_ERR_NOT_FOUND` when the slot
  /// has no such open order; otherwise `TH_OK`, the outcome following as an order event. An
  /// instance being warmed with past events amends nothing (`TH_OK`).
  public func amend(
    _ clientOrderID: UInt64, quantity: Double, limitPrice: Double, stopPrice: Double,
    from context: InstanceContext
  ) -> th_status {
    let slot = context.tag
    guard slot >= 0, slot < slots.count else { return th_status(TH_ERR_INVALID_STATE) }
    if context.warming { return th_status(TH_OK) }
    guard
      let venueIndex = venues.indices.first(where: {
        venues[$0].openOrderSlot(clientOrderID) == slot
      }),
      let order = venues[venueIndex].openOrder(clientOrderID)
    else { return th_status(TH_ERR_NOT_FOUND) }
    counters.amendRequests += 1
    let now = clock.now()
    var amendment: OrderAmendment
    switch requestedAmendment(
      of: order, quantity: quantity, limitPrice: limitPrice, stopPrice: stopPrice,
      venue: venues[venueIndex])
    {
    case .failure(let reason):
      refuseAmend(order, reason: reason, at: now)
      return th_status(TH_OK)
    case .success(let requested):
      amendment = requested
    }
    if let reason = approve(&amendment, of: order, at: now) {
      refuseAmend(order, reason: reason, at: now)
      return th_status(TH_OK)
    }
    stampVenueCall(venueIndex, .venueAmend)
    let found = venues[venueIndex].amend(clientOrderID, to: amendment, at: now, sink: self)
    callStamps.endVenue()
    if !found {
      // Closed between the lookup and the call: nothing works any more, undo the counting.
      undoAmendCounting(order, attempted: amendment)
      refuseAmend(order, reason: .notAmendable, at: now)
    }
    return th_status(TH_OK)
  }

  /// The amend the strategy asked for, every number checked; NaN keeps the order's value.
  private func requestedAmendment(
    of order: Order, quantity: Double, limitPrice: Double, stopPrice: Double, venue: any Venue
  ) -> Result<OrderAmendment, DenialReason> {
    if control.isStopRequested { return .failure(.stopping) }
    guard venue.capabilities.features.contains(.amend) else { return .failure(.venueAmend) }
    switch order.state {
    case .accepted, .triggered, .partiallyFilled: break
    default: return .failure(.notAmendable)
    }
    let instrument = configuration.instruments[Int(order.instrument)]
    var newQuantity = order.quantity
    if !quantity.isNaN {
      switch instrument.quantity(fromDouble: quantity) {
      case .success(let value): newQuantity = value
      case .failure(let error): return .failure(Self.quantityReason(error))
      }
    }
    func price(_ value: Double, _ current: Price?) -> Result<Price?, DenialReason> {
      if value.isNaN { return .success(current) }
      guard current != nil else { return .failure(.amendInvalid) }
      switch instrument.price(fromDouble: value) {
      case .success(let price): return .success(price)
      case .failure(let error): return .failure(Self.priceReason(error))
      }
    }
    let limit: Price?
    let trigger: Price?
    switch price(limitPrice, order.type.limitPrice) {
    case .success(let value): limit = value
    case .failure(let reason): return .failure(reason)
    }
    switch price(stopPrice, order.type.triggerPrice) {
    case .success(let value): trigger = value
    case .failure(let reason): return .failure(reason)
    }
    let type: OrderType
    switch order.type {
    case .market: type = .market
    case .limit: type = .limit(limit!)
    case .stop: type = .stop(trigger: trigger!)
    case .stopLimit: type = .stopLimit(trigger: trigger!, limit: limit!)
    }
    guard newQuantity.raw > order.filledQuantity.raw else { return .failure(.amendInvalid) }
    guard newQuantity != order.quantity || type != order.type else {
      return .failure(.amendUnchanged)
    }
    return .success(
      OrderAmendment(quantity: newQuantity, type: type, accountPrice: order.accountPrice))
  }

  /// Runs the amended order's unfilled part through the ledger check, the risk gate and the
  /// account model, and counts it as working in place of the old part; the reason when refused
  /// (nothing changed then). May lower `amendment.quantity` (the gate shrank it).
  private func approve(_ amendment: inout OrderAmendment, of order: Order, at now: Int64)
    -> DenialReason?
  {
    guard let amended = order.amended(amendment) else { return .amendInvalid }
    let filled = order.filledQuantity.raw
    let old = Self.workingPart(order, order.leavesQuantity.raw)
    guard var candidate = Self.workingPart(amended, amendment.quantity.raw - filled) else {
      return .amendInvalid
    }
    let reducesOnly = amendment.type == order.type && amendment.quantity.raw < order.quantity.raw
    if !reducesOnly, let reason = ledgerDenial(candidate, slot: order.slot) { return reason }
    if let old {
      gate.orderEnded(old)
      accountGuard.ended(old)
    }
    var denial: DenialReason?
    if !reducesOnly {
      let proposed = candidate.quantity
      let last = lastPrices[Int(order.instrument)]
      let precision = configuration.instruments[Int(order.instrument)].pricePrecision
      let context = RiskContext(
        slot: order.slot,
        position: portfolio.position(slot: order.slot, instrument: order.instrument).quantity,
        lastPrice: last == 0 ? nil : Price(raw: last, precision: precision), now: now)
      denial = gate.check(&candidate, context: context)
      if denial == nil, proposed < candidate.quantity || candidate.quantity.raw <= 0 {
        denial = .gateEnlargedOrder
      }
      if denial == nil { denial = accountDenial(candidate) }
    }
    if let denial {
      if var old {
        accountGuard.routed(&old, price: order.accountPrice)
        gate.orderRouted(old)
      }
      return denial
    }
    accountGuard.routed(
      &candidate, price: reducesOnly ? order.accountPrice : accountPrice(candidate))
    gate.orderRouted(candidate)
    amendment.quantity = Quantity(
      raw: filled + candidate.quantity.raw, precision: amendment.quantity.precision)
    amendment.accountPrice = candidate.accountPrice
    return nil
  }

  /// Undoes what `approve` counted for `attempted` once its venue refused it: the attempted
  /// unfilled part stops working, the order's own part works again.
  func undoAmendCounting(_ order: Order, attempted: OrderAmendment) {
    if let amended = order.amended(attempted),
      let part = Self.workingPart(amended, attempted.quantity.raw - order.filledQuantity.raw)
    {
      gate.orderEnded(part)
      accountGuard.ended(part)
    }
    if var part = Self.workingPart(order, order.leavesQuantity.raw) {
      accountGuard.routed(&part, price: order.accountPrice)
      gate.orderRouted(part)
    }
  }

  /// A refused amend: counted, journaled, and a `TH_EVENT_AMEND_REJECTED` event with the
  /// reason queued for the slot.
  func refuseAmend(_ order: Order, reason: DenialReason, at now: Int64) {
    counters.amendRejections += 1
    journal?.record(
      .orderEvent(
        OrderEventRecord(
          time: now, clientOrderID: order.clientOrderID, slot: order.slot, kind: .amendRejected,
          leavesQuantity: order.leavesQuantity, reasonCode: reason.code)))
    var event = makeEvent(order, type: TH_EVENT_AMEND_REJECTED)
    event.reason_code = reason.code
    event.reason = reason.text.cString
    enqueue(PendingOrderEvent(slot: order.slot, event: event))
  }

  /// `raw` of `order`'s unfilled size as an order of its own, at the order's prices and
  /// account price: the unit the risk gate and the account model count working size in. `nil`
  /// when `raw` is not positive.
  static func workingPart(_ order: Order, _ raw: Int64) -> Order? {
    guard raw > 0 else { return nil }
    var part = Order(
      clientOrderID: order.clientOrderID, slot: order.slot, instrument: order.instrument,
      side: order.side, quantity: Quantity(raw: raw, precision: order.quantity.precision),
      type: order.type, timeInForce: order.timeInForce, reduceOnly: order.reduceOnly,
      createdAt: order.createdAt)
    part.clientTag = order.clientTag
    part.postOnly = order.postOnly
    part.accountPrice = order.accountPrice
    return part
  }
}
