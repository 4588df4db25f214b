import CTradeHostPlugin
import Execution
import PluginHost
import TradingModel

extension Kernel {
  /// [kernel-thread] Processes one market event end to end: the clock moves to the event's time,
  /// the venue matches resting orders against it (orders placed earlier meet prices that came
  /// after them: no look-ahead), the portfolio marks, the risk gate observes the marked event
  /// (loss limits, breakers, host exits), then each subscribed slot's strategy sees the event;
  /// order events are delivered after each callback, and the equity is recorded. Bars resampled
  /// for slots (`SlotSpec.bars`) reach them as they close: a time bar whose period ended before
  /// this event first (before the venue matches, so an order placed on it meets this event's
  /// prices), a bar this event completes after the event itself. Before the
  /// event, a supervisor with waiting work (a hot reload, a promotion) runs: slot changes happen
  /// between two events, never inside one.
  @inline(__always)
  public func process(_ event: MarketEvent) {
    step &+= 1
    if control.isServiceRequested { serviceSupervisor() }
    historicalClock?.advance(to: event.timestamp)
    counters.events += 1
    let timed = latency.isDue(counters.events)
    let started = timed ? LatencyHistogram.now() : 0
    if !polledVenues.isEmpty { pollVenues() }
    if !resamplers.isEmpty { closeResampledBars(before: event) }
    let venue = venueOfInstrument[Int(event.instrument)]
    stampVenueCall(venue, .venueMarketEvent)
    venues[venue].marketEvent(event, sink: self)
    callStamps.endVenue()
    switch event {
    case .bar(let bar):
      counters.bars += 1
      markAndObserve(event, bar.close)
      let payload = bar.abi
      forEachSubscriber(of: bar.instrument, .onBar) { strategy throws(PluginCallError) in
        try strategy.onBar(payload)
      }
    case .quote(let quote):
      counters.quotes += 1
      markAndObserve(event, quote.mid)
      let payload = quote.abi
      forEachSubscriber(of: quote.instrument, .onQuote) { strategy throws(PluginCallError) in
        try strategy.onQuote(payload)
      }
    case .trade(let trade):
      counters.trades += 1
      markAndObserve(event, trade.price)
      let payload = trade.abi
      forEachSubscriber(of: trade.instrument, .onTrade) { strategy throws(PluginCallError) in
        try strategy.onTrade(payload)
      }
    }
    if !resamplers.isEmpty { resample(event) }
    if timed { latency.record(LatencyHistogram.now() - started) }
    recorder.record(
      timestamp: event.timestamp, equity: equityTracker.equity(cash: portfolio.cash),
      inMarket: equityTracker.openPositions > 0)
    history.record(event)
    if event.timestamp >= supervisorDue, let supervisor {
      supervisor.due(self, now: event.timestamp)
    }
  }

  /// Lets the venues that hear from other threads hand over what arrived (their events reach
  /// the ledger here, on the kernel thread).
  func pollVenues() {
    let now = clock.now()
    for venue in polledVenues {
      stampVenueCall(venue, .venuePoll)
      venues[venue].poll(at: now, sink: self)
      callStamps.endVenue()
    }
  }

  /// Runs the supervisor's waiting work (the request is cleared first, so one made meanwhile
  /// is kept for the next event).
  func serviceSupervisor() {
    guard control.takeServiceRequest(), let supervisor else { return }
    stampCall(slot: nil, .supervisor)
    supervisor.service(self)
    callStamps.end()
    deliverPendingEvents()
  }

  /// The event's price becomes the instrument's mark and the equity is refreshed; the risk gate
  /// observes the event; then order events the venue's matching and the gate produced reach
  /// their strategies, before any strategy sees the event. A price the ledger refuses as a mark
  /// (a position would be worth more than it can hold) is counted and logged, and the previous
  /// mark stays for the ledger, the risk gate and order checks alike (the gate does not observe
  /// the event); strategies still see it.
  @inline(__always)
  private func markAndObserve(_ event: MarketEvent, _ price: Price) {
    let instrument = event.instrument
    do throws(LedgerOverflow) {
      try portfolio.mark(instrument, price: price)
    } catch {
      refusedMark(instrument, price: price, error)
      deliverPendingEvents()
      return
    }
    lastPrices[Int(instrument)] = price.raw
    equityTracker.refresh(instrument, portfolio: &portfolio, instruments: configuration.instruments)
    gate.observe(event)
    deliverPendingEvents()
  }

  /// A mark the ledger refused: counted and logged (rare by nature; the log allocates).
  private func refusedMark(_ instrument: InstrumentID, price: Price, _ error: LedgerOverflow) {
    counters.refusedMarks += 1
    logSink(
      Int32(TH_LOG_ERROR), "ledger",
      "mark \(price) of \(configuration.instruments[Int(instrument)].qualifiedSymbol) refused: \(error); the previous mark stays"
    )
  }

  /// Calls each slot subscribed to `instrument`, in slot order; a failing call is counted and
  /// logged, and the order events it caused are delivered before the next slot runs.
  @inline(__always)
  private func forEachSubscriber(
    of instrument: InstrumentID, _ kind: StampedCall,
    _ call: (StrategyInstance) throws(PluginCallError) -> Void
  ) {
    for index in subscribers[Int(instrument)] {
      slots[index].callbacks += 1
      stampCall(slot: index, kind)
      var failure: PluginCallError?
      do throws(PluginCallError) {
        try call(slots[index].strategy)
      } catch {
        failure = error
      }
      callStamps.end()
      if let failure { pluginFailed(slot: index, failure) }
      deliverPendingEvents()
    }
  }

  /// Stamps the call about to be made (`CallStamps`): two relaxed atomic stores per call.
  @inline(__always)
  func stampCall(slot: Int?, _ kind: StampedCall) {
    callSequence &+= 1
    callStamps.begin(CallStamp(slot: slot, call: kind, sequence: callSequence))
  }

  /// Stamps the call about to be made into `venues[venue]` (`CallStamps.beginVenue`; the
  /// caller ends it with `callStamps.endVenue()` when the venue returns).
  @inline(__always)
  func stampVenueCall(_ venue: Int, _ kind: StampedCall) {
    callSequence &+= 1
    callStamps.beginVenue(CallStamp(venue: venue, call: kind, sequence: callSequence))
  }

  /// The most order events one slot is handed within one kernel step (an event, a timer tick):
  /// a strategy that answers each of its order events with new orders (resubmitting on every
  /// denial) would otherwise keep the kernel in one step forever.
  static let orderEventsPerStep = OrderEventQueue.capacity

  /// Queues an order event for its slot. A full queue drops it: the slot is past its bound for
  /// this step (`orderEventsPerStep`), which the next delivery reports as a flood.
  @inline(__always)
  func enqueue(_ event: PendingOrderEvent) {
    if !pending.push(event) {
      let slot = slots[event.slot]
      if slot.deliveryStep != step {
        slot.deliveryStep = step
        slot.stepDeliveries = 0
      }
      slot.stepDeliveries = max(slot.stepDeliveries, Self.orderEventsPerStep)
      slot.droppedOrderEvents += 1
      counters.droppedOrderEvents += 1
    }
  }

  /// Delivers queued order events, including those caused by the deliveries themselves, and
  /// lets the risk gate act on what it decided during the callbacks (cancels, exits).
  @inline(__always)
  func deliverPendingEvents() {
    repeat {
      if gate.hasPendingActions { gate.performPendingActions() }
      while let pending = pending.pop() {
        let slot = slots[pending.slot]
        if slot.deliveryStep != step {
          slot.deliveryStep = step
          slot.stepDeliveries = 0
        }
        slot.stepDeliveries += 1
        if slot.stepDeliveries > Self.orderEventsPerStep {
          orderEventFlood(slot: pending.slot)
          continue
        }
        slot.callbacks += 1
        stampCall(slot: pending.slot, .onOrderEvent)
        let error = deliver(pending)
        callStamps.end()
        if let error { pluginFailed(slot: pending.slot, error) }
      }
    } while gate.hasPendingActions
  }

  /// Hands one order event to its strategy; a reason that only exists at run time (a venue
  /// plugin's) is lent to the event for the call.
  @inline(__always)
  private func deliver(_ pending: PendingOrderEvent) -> PluginCallError? {
    guard let text = pending.text else {
      do throws(PluginCallError) {
        try slots[pending.slot].strategy.deliver(pending.event)
        return nil
      } catch {
        return error
      }
    }
    return text.withCString { reason in
      var event = pending.event
      event.reason = reason
      do throws(PluginCallError) {
        try slots[pending.slot].strategy.deliver(event)
        return nil
      } catch {
        return error
      }
    }
  }

  /// A slot was handed more order events in this step than `orderEventsPerStep` (its strategy
  /// answers order events with ever more orders): the event is dropped and counted, and at the
  /// first drop of the step the flood is logged and the risk gate told (the risk wrapper's
  /// runaway guard halts the slot). Off the hot path.
  @inline(never)
  func orderEventFlood(slot index: Int) {
    let slot = slots[index]
    slot.droppedOrderEvents += 1
    counters.droppedOrderEvents += 1
    guard slot.stepDeliveries == Self.orderEventsPerStep + 1 else { return }
    logSink(
      Int32(TH_LOG_ERROR), "slot \(slot.name)",
      "order events flood: more than \(Self.orderEventsPerStep) order events for this slot within one step (its strategy answers order events with new orders); the rest of this step's are dropped"
    )
    gate.orderEventFlood(slot: index, limit: Self.orderEventsPerStep, at: clock.now())
  }

  /// A strategy callback returned an error: counted, logged, and the run goes on (the risk
  /// wrapper's breakers act on the count; the supervisor, if any, looks at the slot after this
  /// event).
  func pluginFailed(slot index: Int, _ error: PluginCallError) {
    supervisorDue = .min
    counters.pluginErrors += 1
    slots[index].pluginErrors += 1
    slots[index].lastError = error.description
    logSink(Int32(TH_LOG_ERROR), "slot \(slots[index].name)", error.description)
  }
}
