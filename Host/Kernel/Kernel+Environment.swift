import CTradeHostPlugin
import Execution
import PluginHost
import TradingModel

extension Kernel: PluginEnvironment {
  public func now() -> Int64 { clock.now() }

  public func instrument(_ symbol: String) -> th_instrument_info? { instrumentInfo[symbol] }

  public func log(from context: InstanceContext, level: Int32, message: String) {
    logSink(level, context.label.isEmpty ? context.pluginID : context.label, message)
  }

  /// [kernel-thread] An intent from a slot's strategy: converted (checked), gated, sent to the
  /// venue. Always `TH_OK` for a slot's strategy: a refusal arrives as a `TH_EVENT_DENIED` event
  /// after the callback returns. `TH_ERR_INVALID_STATE` for a caller that is not a slot. An
  /// instance being warmed with past events gets `TH_OK` and order id 0, and nothing is sent.
  public func submit(
    _ intent: th_order_intent, from context: InstanceContext, orderID: inout UInt64
  )
    -> th_status
  {
    let slot = context.tag
    guard slot >= 0, slot < slots.count else { return th_status(TH_ERR_INVALID_STATE) }
    if context.warming {
      orderID = 0
      counters.warmupIntents += 1
      return th_status(TH_OK)
    }
    counters.intents += 1
    slots[slot].intents += 1
    let id = nextClientOrderID
    nextClientOrderID += 1
    orderID = id
    let now = clock.now()
    var order: Order
    switch convert(intent, id: id, slot: slot, now: now) {
    case .failure(let reason):
      deny(intent: intent, id: id, slot: slot, reason: reason, now: now)
      return th_status(TH_OK)
    case .success(let converted):
      order = converted
    }
    if let reason = preGateDenial(order, slot: slot) {
      deny(intent: intent, id: id, slot: slot, reason: reason, now: now)
      return th_status(TH_OK)
    }
    let proposed = order.quantity
    let last = lastPrices[Int(order.instrument)]
    let precision = configuration.instruments[Int(order.instrument)].pricePrecision
    let context = RiskContext(
      slot: slot, position: portfolio.position(slot: slot, instrument: order.instrument).quantity,
      lastPrice: last == 0 ? nil : Price(raw: last, precision: precision), now: now,
      winProbability: intent.win_probability > 0 && intent.win_probability < 1
        ? intent.win_probability : nil,
      payoffRatio: intent.payoff_ratio > 0 && intent.payoff_ratio.isFinite
        ? intent.payoff_ratio : nil)
    if let reason = gate.check(&order, context: context) {
      deny(intent: intent, id: id, slot: slot, reason: reason, now: now)
      return th_status(TH_OK)
    }
    if proposed < order.quantity || order.quantity.raw <= 0 {
      deny(intent: intent, id: id, slot: slot, reason: .gateEnlargedOrder, now: now)
      return th_status(TH_OK)
    }
    if let reason = accountDenial(order) {
      deny(intent: intent, id: id, slot: slot, reason: reason, now: now)
      return th_status(TH_OK)
    }
    if let reason = route(order, at: now) {
      deny(intent: intent, id: id, slot: slot, reason: reason, now: now)
    }
    return th_status(TH_OK)
  }

  /// Denials the kernel owns before the gate: a stopping run, an order its venue did not
  /// declare, and whether a market order can be priced at all.
  @inline(__always)
  private func preGateDenial(_ order: Order, slot: Int) -> DenialReason? {
    if control.isStopRequested { return .stopping }
    if let journal, !journal.acceptsOrders { return .journalUnavailable }
    let venue = venues[venueOfInstrument[Int(order.instrument)]]
    if let refusal = venue.capabilities.refusal(of: order) { return Self.reason(refusal) }
    if case .market = order.type, !venue.hasReference(order.instrument) { return .noMarketPrice }
    return ledgerDenial(order, slot: slot)
  }

  /// Whether the position the order would leave fits the ledger: its size in the integer
  /// range and its value at the order's price (the last price for a market order) within
  /// `Portfolio.amountLimit`. Whatever the gate, an order the ledger could not book never
  /// reaches a venue. Allocation-free.
  @inline(__always)
  func ledgerDenial(_ order: Order, slot: Int) -> DenialReason? {
    let index = Int(order.instrument)
    let position = portfolio.position(slot: slot, instrument: order.instrument).quantity.raw
    let signed = order.side == .buy ? order.quantity.raw : -order.quantity.raw
    let (after, overflow) = position.addingReportingOverflow(signed)
    if overflow || after == .min { return .positionOutOfRange }
    let instrument = configuration.instruments[index]
    let raw = order.referencePrice?.raw ?? lastPrices[index]
    guard raw != 0 else { return nil }
    let price = Price(raw: raw, precision: instrument.pricePrecision)
    // The larger of the position before and after (an order that reduces always fits).
    let reach = max(abs(after), abs(position))
    guard abs(after) > abs(position) else { return nil }
    guard
      let value = instrument.notional(
        price: price, quantity: Quantity(raw: reach, precision: instrument.sizePrecision)),
      value.isWithin(portfolio.amountLimit)
    else { return .positionOutOfRange }
    return nil
  }

  /// Whether the account model (`configuration.account`) lets the approved order reach its
  /// venue, whatever the gate: checked after the gate (which may shrink an order to fit its own
  /// caps), before routing. Allocation-free.
  @inline(__always)
  func accountDenial(_ order: Order) -> DenialReason? {
    let price = accountPrice(order)
    guard price != 0 else { return .noMarketPrice }
    let equity: Money
    if case .margin(_?) = accountGuard.model {
      equity = portfolio.isOnBook(order.slot) ? accountEquity : portfolio.slotEquity(order.slot)
    } else {
      equity = .zero(configuration.currency)
    }
    return accountGuard.denial(
      order, price: price, portfolio: portfolio, equity: equity, lastPrices: lastPrices)
  }

  /// The price the account model values `order` at: its limit or trigger price, or the last
  /// price (raw; 0 when there is none yet).
  @inline(__always)
  func accountPrice(_ order: Order) -> Int64 {
    order.referencePrice?.raw ?? lastPrices[Int(order.instrument)]
  }

  /// [kernel-thread] Cancels a resting order of the calling slot. An instance being warmed
  /// with past events cancels nothing (`TH_OK`): the slot's live orders are not its to touch.
  public func cancel(_ clientOrderID: UInt64, from context: InstanceContext) -> th_status {
    let slot = context.tag
    guard slot >= 0, slot < slots.count else { return th_status(TH_ERR_INVALID_STATE) }
    if context.warming { return th_status(TH_OK) }
    for venue in venues.indices where venues[venue].openOrderSlot(clientOrderID) == slot {
      stampVenueCall(venue, .venueCancel)
      let cancelled = venues[venue].cancel(clientOrderID, at: clock.now(), sink: self)
      callStamps.endVenue()
      return cancelled ? th_status(TH_OK) : th_status(TH_ERR_NOT_FOUND)
    }
    return th_status(TH_ERR_NOT_FOUND)
  }

  /// [kernel-thread] The calling slot's position (its own sub-ledger, never another slot's).
  public func position(_ instrumentID: UInt32, for context: InstanceContext) -> th_position {
    var result = th_position()
    result.struct_size = UInt32(MemoryLayout<th_position>.size)
    result.instrument_id = instrumentID
    let slot = context.tag
    guard slot >= 0, slot < slots.count, Int(instrumentID) < configuration.instruments.count else {
      return result
    }
    let position = portfolio.position(slot: slot, instrument: instrumentID)
    result.quantity = position.quantity.doubleValue
    guard !position.isFlat else { return result }
    result.average_price = position.averageOpenPrice.doubleValue
    result.realized_pnl = position.realizedPnL.doubleValue
    if let mark = portfolio.markPrice(instrumentID) {
      // For the plugin a double is enough: (mark - average) x quantity x multiplier.
      result.unrealized_pnl =
        (mark.doubleValue - result.average_price) * result.quantity * multipliers[Int(instrumentID)]
    }
    return result
  }

  /// Exchange plugins never talk to the kernel directly: each instance is served by its
  /// `PluginVenue`, which the kernel reaches through the `Venue` seam.
  public func venueEvent(_ event: th_venue_event, from context: InstanceContext) -> th_status {
    th_status(TH_ERR_UNSUPPORTED)
  }
}
