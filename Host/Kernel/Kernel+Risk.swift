import Execution
import TradingModel

/// The kernel as the risk gate sees it: account and slot values to check orders against, and
/// the actions a gate may take from `observe`, `idle` and `performPendingActions`.
///
/// Kernel-thread only, like the gate that calls it. The reads allocate nothing.
extension Kernel {
  /// The account's mark-to-market equity (cash + unrealized PnL at the marks).
  public var accountEquity: Money {
    Money(raw: equityTracker.equity(cash: portfolio.cash), currency: configuration.currency)
  }

  /// `slot`'s equity: its capital + realized PnL − fees + unrealized PnL at the marks.
  public func slotEquity(_ slot: SlotID) -> Money { portfolio.slotEquity(slot) }

  /// `slot`'s signed position in `instrument`.
  public func positionQuantity(slot: SlotID, instrument: InstrumentID) -> Quantity {
    portfolio.position(slot: slot, instrument: instrument).quantity
  }

  /// The last price of `instrument` (bar close, quote mid or trade), if one was seen.
  public func lastPrice(_ instrument: InstrumentID) -> Price? {
    let raw = lastPrices[Int(instrument)]
    guard raw != 0 else { return nil }
    return Price(raw: raw, precision: configuration.instruments[Int(instrument)].pricePrecision)
  }

  /// `slot`'s strategy callbacks and the errors they returned so far (health breakers).
  public func pluginHealth(slot: SlotID) -> (callbacks: Int, errors: Int) {
    (slots[slot].callbacks, slots[slot].pluginErrors)
  }

  /// Order events raised by the two actions below reach strategies through the normal delivery
  /// after the gate returns (the kernel delivers after `observe`, `idle` and every callback).

  /// [kernel-thread, gate actions only] Cancels `slot`'s resting orders (every slot's when
  /// `nil`) in `instrument` (every instrument when `nil`); strategies get CANCELLED events with
  /// `reason`. Returns how many were cancelled.
  @discardableResult
  public func cancelOrders(slot: SlotID?, instrument: InstrumentID?, reason: StaticString) -> Int {
    let now = clock.now()
    var count = 0
    for venue in venues.indices {
      stampVenueCall(venue, .venueCancelAll)
      count += venues[venue].cancelAll(
        slot: slot, instrument: instrument, reason: reason, at: now, sink: self)
      callStamps.endVenue()
    }
    return count
  }

  /// [kernel-thread, gate actions only] Closes `quantity` of `slot`'s position in `instrument`
  /// (all of it when `nil`, never more than it): a host order, reduce-only IOC at market (GTC
  /// and without the flag at a venue that did not declare them: the size already comes from the
  /// ledger), routed like any order but not asked of the gate (it only reduces exposure). The strategy sees its
  /// ACCEPTED and FILLED events with `tag` as the client tag. Returns the order's id, or `nil`
  /// when there was nothing to close or no price to close at.
  @discardableResult
  public func closePosition(
    slot: SlotID, instrument: InstrumentID, quantity: Quantity? = nil, tag: UInt64 = 0
  ) -> ClientOrderID? {
    let position = portfolio.position(slot: slot, instrument: instrument).quantity
    let venue = venues[venueOfInstrument[Int(instrument)]]
    guard position.raw != 0, venue.hasReference(instrument),
      venue.capabilities.orderTypes.contains(.market)
    else { return nil }
    var size = position.magnitude
    if let quantity, quantity < size { size = quantity }
    guard size.raw > 0 else { return nil }
    let now = clock.now()
    var order = Order(
      clientOrderID: nextClientOrderID, slot: slot, instrument: instrument,
      side: position.raw > 0 ? .sell : .buy, quantity: size, type: .market,
      timeInForce: venue.capabilities.timesInForce.contains(.ioc) ? .ioc : .gtc,
      reduceOnly: venue.capabilities.features.contains(.reduceOnly), createdAt: now)
    order.clientTag = tag
    nextClientOrderID += 1
    counters.hostOrders += 1
    guard route(order, at: now, immediate: true) == nil else { return nil }
    return order.clientOrderID
  }

  /// [kernel-thread] The paper and live drivers' timer between events: the risk gate checks
  /// what depends on time alone (stale data, operator commands), then order events are
  /// delivered.
  public func idle() {
    step &+= 1
    if control.isServiceRequested { serviceSupervisor() }
    if !polledVenues.isEmpty { pollVenues() }
    gate.idle(at: clock.now())
    deliverPendingEvents()
  }
}
