import Kernel
import RiskHealth
import TradingModel

extension RiskWrapper {
  /// Keeps the gate's position book, the cooldown clock, fill velocity, losing streaks and the
  /// exit plans up to date. [kernel-thread] Acts on nothing itself: a halt it decides is carried
  /// out by `performPendingActions`.
  public func didFill(_ fill: Fill, change: PositionChange) {
    let index = Int(fill.instrument)
    let cell = fill.slot * instrumentCount + index
    let before = positions[cell]
    let after = change.quantityAfter.raw
    positions[cell] = after
    if fill.side == .buy {
      workingBuys[cell] = max(0, workingBuys[cell] - fill.quantity.raw)
    } else {
      workingSells[cell] = max(0, workingSells[cell] - fill.quantity.raw)
    }
    if slots[fill.slot].onBook {
      instruments[index].absPositionSum += after.magnitudeInt - before.magnitudeInt
      instruments[index].netPosition += after - before
    }
    slots[fill.slot].lastFillAt = fill.timestamp
    let notional = instruments[index].valuation.value(
      quantity: fill.quantity.raw, price: fill.price.raw)
    if let trip = slots[fill.slot].runaway.recordFill(notional: notional, at: fill.timestamp),
      slots[fill.slot].latched.state < .halted
    {
      latch(
        .slot(fill.slot), to: .halted, reason: "runaway: \(trip.description)", source: .breaker,
        values: [
          .init("kind", "\(trip.kind)"), .init("observed", String(trip.observed)),
          .init("limit", String(trip.limit)),
        ])
    }
    if let roundTrip = change.roundTrip {
      if roundTrip.netPnL.raw < 0 {
        slots[fill.slot].lossStreak += 1
        if let cap = slots[fill.slot].limits.maxConsecutiveLosses,
          slots[fill.slot].lossStreak >= cap, slots[fill.slot].latched.state < .paused
        {
          latch(
            .slot(fill.slot), to: .paused, reason: "\(cap) losing round trips in a row",
            source: .rule,
            values: [
              .init("losing_streak", String(slots[fill.slot].lossStreak)),
              .init("last_net_pnl", roundTrip.netPnL.description),
            ])
        }
      } else {
        slots[fill.slot].lossStreak = 0
      }
    }
    if hasExits[fill.slot] {
      exits[cell].positionChanged(
        quantity: change.quantityAfter, price: fill.price, atr: instruments[index].atr.value,
        at: fill.timestamp)
    }
  }

  /// An order is about to reach the venue: its quantity works against the caps until it fills
  /// or ends.
  public func orderRouted(_ order: Order) {
    let cell = order.slot * instrumentCount + Int(order.instrument)
    if order.side == .buy {
      workingBuys[cell] += order.quantity.raw
    } else {
      workingSells[cell] += order.quantity.raw
    }
  }

  /// An order ended with `leavesQuantity` unfilled: that part no longer works.
  public func orderEnded(_ order: Order) {
    let cell = order.slot * instrumentCount + Int(order.instrument)
    let leaves = order.leavesQuantity.raw
    if order.side == .buy {
      workingBuys[cell] = max(0, workingBuys[cell] - leaves)
    } else {
      workingSells[cell] = max(0, workingSells[cell] - leaves)
    }
  }

  /// A venue answered an order: its error and latency breakers learn from it (each polled
  /// first, so a cooldown that ended moves it to half-open before the sample counts).
  public func venueReport(instrument: InstrumentID, accepted: Bool, latencyNanos: Int64) {
    let venue = instruments[Int(instrument)].venue
    let now = kernel.now()
    let slow = latencyNanos > configuration.venueLatencyBoundNanos
    if let transition = venues[venue].errors.poll(at: now) {
      venueBreakerMoved(venue, "error", transition, latencyNanos)
    }
    if let transition = venues[venue].errors.record(good: accepted, at: now) {
      venueBreakerMoved(venue, "error", transition, latencyNanos)
    }
    if let transition = venues[venue].latency.poll(at: now) {
      venueBreakerMoved(venue, "latency", transition, latencyNanos)
    }
    if let transition = venues[venue].latency.record(good: !slow, at: now) {
      venueBreakerMoved(venue, "latency", transition, latencyNanos)
    }
  }

  private func venueBreakerMoved(
    _ venue: Int, _ kind: String, _ transition: BreakerTransition, _ latencyNanos: Int64
  ) {
    let tripped = transition.to == .open
    if kind == "error" {
      venues[venue].errorsTripped = tripped
    } else {
      venues[venue].latencyTripped = tripped
    }
    breakerMoved(
      "venue \(venues[venue].name)", from: "\(transition.from)", to: "\(transition.to)",
      at: transition.at, reason: "the venue's \(kind) breaker moved",
      values: [
        .init("bad", String(transition.badSamples)),
        .init("total", String(transition.totalSamples)),
        .init("cooldown_ns", String(transition.cooldownNanos)),
        .init("latency_ns", String(latencyNanos)),
      ])
  }

  /// Cancels what halts decided during `check` and `didFill`, and flattens after a kill.
  public func performPendingActions() {
    hasPendingActions = false
    if cancelAllPending {
      cancelAllPending = false
      kernel.cancelOrders(slot: nil, instrument: nil, reason: "cancelled: trading halted")
    }
    for slot in slots.indices where slots[slot].cancelPending {
      slots[slot].cancelPending = false
      kernel.cancelOrders(slot: slot, instrument: nil, reason: "cancelled: the slot is halted")
    }
    for index in instruments.indices where instruments[index].cancelPending {
      instruments[index].cancelPending = false
      kernel.cancelOrders(
        slot: nil, instrument: InstrumentID(index), reason: "cancelled: the instrument is halted")
    }
  }
}
