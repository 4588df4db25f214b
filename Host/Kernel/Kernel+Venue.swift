import CTradeHostPlugin
import Execution
import Store
import TradingModel

/// The kernel hears every venue through this one sink: fills reach the portfolio, the risk gate
/// and the supervisor here, and order events are queued for the strategies.
extension Kernel: VenueSink {
  /// Reduce-only orders fill at most the slot's opposite position; others fill in full.
  public func fillableQuantity(_ order: Order, proposed: Quantity) -> Quantity {
    guard order.reduceOnly else { return proposed }
    let position = portfolio.position(slot: order.slot, instrument: order.instrument).quantity
    let reducible = order.side == .buy ? -position.raw : position.raw
    return Quantity(raw: max(0, min(reducible, proposed.raw)), precision: proposed.precision)
  }

  public func venueAccepted(_ order: Order) {
    gate.venueReport(
      instrument: order.instrument, accepted: true, latencyNanos: clock.now() - order.createdAt)
    journalEvent(order, .accepted)
    queue(order, type: TH_EVENT_ACCEPTED)
  }

  public func venueFilled(_ order: Order, fill: Fill) {
    let wasFlat = portfolio.position(slot: fill.slot, instrument: fill.instrument).isFlat
    let change: PositionChange
    do throws(LedgerOverflow) {
      change = try portfolio.apply(fill)
    } catch {
      refusedFill(order, fill: fill, error)
      return
    }
    counters.fills += 1
    accountGuard.filled(order, quantity: fill.quantity.raw)
    activity.record(fill)
    journal?.record(.fill(fill))
    journalEvent(order, order.leavesQuantity.raw == 0 ? .filled : .partiallyFilled)
    let isFlat = portfolio.position(slot: fill.slot, instrument: fill.instrument).isFlat
    if wasFlat != isFlat, portfolio.isOnBook(fill.slot) {
      equityTracker.positionsChanged(by: isFlat ? -1 : 1)
    }
    equityTracker.refresh(
      fill.instrument, portfolio: &portfolio,
      instruments: configuration.instruments)
    fillDigest.add(fill)
    gate.didFill(fill, change: change)
    supervisor?.didFill(fill, change: change)
    var event = makeEvent(order, type: TH_EVENT_FILLED)
    event.ts_event = fill.timestamp
    event.fill_quantity = fill.quantity.doubleValue
    event.fill_price = fill.price.doubleValue
    event.fee = fill.fee.doubleValue
    enqueue(PendingOrderEvent(slot: order.slot, event: event))
  }

  /// A fill the ledger refused (an amount beyond what it can hold): the books are unchanged; it
  /// is counted and logged, the risk gate stops counting its size as working, and the strategy
  /// gets a DENIED event (`DenialReason.fillOverflow`) with the order's leaves.
  private func refusedFill(_ order: Order, fill: Fill, _ error: LedgerOverflow) {
    counters.refusedFills += 1
    accountGuard.filled(order, quantity: fill.quantity.raw)
    logSink(
      Int32(TH_LOG_ERROR), "ledger",
      "fill of order \(order.clientOrderID) (\(fill.side) \(fill.quantity) at \(fill.price)) refused: \(error); the books are unchanged"
    )
    // The gate counted the filled size as working; end exactly that part.
    let ended = Order(
      clientOrderID: order.clientOrderID, slot: order.slot, instrument: order.instrument,
      side: order.side, quantity: fill.quantity, type: order.type,
      timeInForce: order.timeInForce, reduceOnly: order.reduceOnly, createdAt: order.createdAt)
    gate.orderEnded(ended)
    var event = makeEvent(order, type: TH_EVENT_DENIED)
    event.ts_event = fill.timestamp
    event.reason_code = DenialReason.fillOverflow.code
    event.reason = DenialReason.fillOverflow.text.cString
    enqueue(PendingOrderEvent(slot: order.slot, event: event))
  }

  public func venueTriggered(_ order: Order) {}

  public func venueCanceled(_ order: Order, reason: StaticString) {
    counters.cancels += 1
    journalEvent(order, .canceled)
    gate.orderEnded(order)
    accountGuard.ended(order)
    var event = makeEvent(order, type: TH_EVENT_CANCELLED)
    event.reason = reason.cString
    enqueue(PendingOrderEvent(slot: order.slot, event: event))
  }

  public func venueCanceled(_ order: Order, text: String) {
    counters.cancels += 1
    journalEvent(order, .canceled)
    gate.orderEnded(order)
    accountGuard.ended(order)
    enqueue(
      PendingOrderEvent(slot: order.slot, event: makeEvent(order, type: TH_EVENT_CANCELLED), text: text))
  }

  public func venueExpired(_ order: Order) {
    counters.expiries += 1
    journalEvent(order, .expired)
    gate.orderEnded(order)
    accountGuard.ended(order)
    queue(order, type: TH_EVENT_EXPIRED)
  }

  public func venueRejected(_ order: Order, reason: StaticString) {
    counters.rejections += 1
    journalEvent(order, .rejected)
    gate.venueReport(
      instrument: order.instrument, accepted: false, latencyNanos: clock.now() - order.createdAt)
    gate.orderEnded(order)
    accountGuard.ended(order)
    var event = makeEvent(order, type: TH_EVENT_REJECTED)
    event.reason = reason.cString
    enqueue(PendingOrderEvent(slot: order.slot, event: event))
  }

  public func venueRejected(_ order: Order, text: String) {
    counters.rejections += 1
    journalEvent(order, .rejected)
    gate.venueReport(
      instrument: order.instrument, accepted: false, latencyNanos: clock.now() - order.createdAt)
    gate.orderEnded(order)
    accountGuard.ended(order)
    enqueue(
      PendingOrderEvent(slot: order.slot, event: makeEvent(order, type: TH_EVENT_REJECTED), text: text))
  }

  public func venueAmended(_ order: Order) {
    counters.amends += 1
    journal?.record(.amendment(AmendmentRecord(order, time: clock.now())))
    journalEvent(order, .amended)
    queue(order, type: TH_EVENT_AMENDED)
  }

  public func venueAmendRejected(_ order: Order, attempted: OrderAmendment, reason: StaticString) {
    undoAmendCounting(order, attempted: attempted)
    counters.amendRejections += 1
    journalEvent(order, .amendRejected)
    var event = makeEvent(order, type: TH_EVENT_AMEND_REJECTED)
    event.reason = reason.cString
    enqueue(PendingOrderEvent(slot: order.slot, event: event))
  }

  public func venueAmendRejected(_ order: Order, attempted: OrderAmendment, text: String) {
    undoAmendCounting(order, attempted: attempted)
    counters.amendRejections += 1
    journalEvent(order, .amendRejected)
    enqueue(
      PendingOrderEvent(
        slot: order.slot, event: makeEvent(order, type: TH_EVENT_AMEND_REJECTED), text: text))
  }

  /// Counted, logged as one error naming the venue and the order, and reported to the risk gate
  /// as a failed venue answer (the venue-health breaker of the instrument's venue counts it).
  /// Nothing reaches the ledger or the strategy.
  public func venueFault(_ fault: VenueFault) {
    counters.venueFaults += 1
    logSink(Int32(TH_LOG_ERROR), "venue \(fault.venue)", fault.description)
    if let instrument = fault.instrument, Int(instrument) < configuration.instruments.count {
      gate.venueReport(instrument: instrument, accepted: false, latencyNanos: 0)
    }
  }

  /// Journals an event of `order` (when a journal is set) and keeps it among the recent
  /// activity. Allocation-free.
  @inline(__always)
  private func journalEvent(_ order: Order, _ kind: OrderEventKind) {
    let event = OrderEventRecord(
      time: clock.now(), clientOrderID: order.clientOrderID, slot: order.slot, kind: kind,
      leavesQuantity: order.leavesQuantity)
    activity.record(event)
    journal?.record(.orderEvent(event))
  }

  @inline(__always)
  private func queue(_ order: Order, type: Int) {
    enqueue(PendingOrderEvent(slot: order.slot, event: makeEvent(order, type: type)))
  }

  @inline(__always)
  func makeEvent(_ order: Order, type: Int) -> th_order_event {
    var event = th_order_event()
    event.struct_size = UInt32(MemoryLayout<th_order_event>.size)
    event.type = th_order_event_type(type)
    event.client_order_id = order.clientOrderID
    event.client_tag = order.clientTag
    event.instrument_id = order.instrument
    event.side = th_side(order.side == .buy ? TH_SIDE_BUY : TH_SIDE_SELL)
    event.ts_event = clock.now()
    event.leaves_quantity = order.leavesQuantity.doubleValue
    return event
  }
}

extension Kernel {
  /// The run's simulator, when one of its venues is (reports, tests); `nil` when every
  /// instrument trades at an exchange plugin.
  public var simulator: SimulatedVenue? {
    for venue in venues { if let simulated = venue as? SimulatedVenue { return simulated } }
    return nil
  }

  /// The venue that trades `instrument`.
  public func venue(for instrument: InstrumentID) -> any Venue {
    venues[venueOfInstrument[Int(instrument)]]
  }
}

extension Kernel {
  /// Each venue's name, what its working orders do while the kernel thread is stuck in a
  /// plugin call, and how a kill cancels them then (read once at start, for the control side's
  /// kill).
  public var venuesWhileStuck:
    [(name: String, exposure: StuckKernelExposure, cancel: (any ControlSideCancel)?)]
  {
    venues.map { ($0.name, $0.whileKernelStuck, $0.controlSideCancel) }
  }
}
