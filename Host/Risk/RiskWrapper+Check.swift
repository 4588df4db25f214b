import Kernel
import RiskHealth
import TradingModel

extension RiskWrapper {
  /// The pre-trade checks, in order: trading states and breakers; reduce-only; market guards
  /// (hours, blackouts, volatility); price freshness and collars; throttles; orders per day;
  /// cooldown; per-order caps; sizing; position, exposure, leverage and concentration caps; the
  /// instrument's minimums; notional per day; runaway flow. "No new entries" rules let an order
  /// through only as far as it reduces the slot's position (shrunk to it); caps shrink an entry
  /// to what fits, down to whole lots, or deny it with the binding cap's reason.
  ///
  /// [kernel-thread] Allocation-free.
  public func check(_ order: inout Order, context: RiskContext) -> DenialReason? {
    let slot = context.slot
    let index = Int(order.instrument)
    let now = context.now
    let cell = slot * instrumentCount + index
    let position = positions[cell]
    let direction: Int64 = order.side == .buy ? 1 : -1
    // Working orders on the order's side count as filled: the part of the order that still
    // reduces the slot's position (0 when it only adds) and how far the side already reaches.
    let working = order.side == .buy ? workingBuys[cell] : workingSells[cell]
    let reducibleRaw = direction * position < 0 ? max(0, position.magnitudeInt - working) : 0
    var entryBlock: DenialReason?

    // Trading states (the most restrictive level wins) and health breakers.
    if let denial = stateDenial(slot: slot, instrument: index, entryBlock: &entryBlock) {
      return denial
    }
    if slots[slot].pluginBreakerTripped { return .pluginBreakerOpen }
    if entryBlock == nil, instruments[index].stale != .closed { entryBlock = .staleData }
    if entryBlock == nil, venues[instruments[index].venue].isRestricted {
      entryBlock = .venueBreakerOpen
    }

    // The instrument's minimums and the reduce-only flag.
    if order.reduceOnly, reducibleRaw == 0 { return .reduceOnlyWouldIncrease }

    // Market guards.
    if instruments[index].session?.isOpen(at: now) == false { return .marketClosed }
    if entryBlock == nil, instruments[index].blackouts?.blackout(at: now) != nil {
      entryBlock = .blackout
    }
    let last = instruments[index].lastPrice
    if entryBlock == nil, let bound = instruments[index].limits.maxVolatility, last > 0,
      let atr = instruments[index].atr.value,
      atr / (Double(last) / instruments[index].priceScale) > bound
    {
      entryBlock = .volatilitySpike
    }

    // A fresh reference price, and the collar around it.
    let limits = instruments[index].limits
    if let maxAge = limits.maxPriceAgeNanos,
      last == 0 || now - instruments[index].lastEventAt > maxAge
    {
      return .noFreshPrice
    }
    if last > 0 {
      let tick = instruments[index].tick
      switch order.type {
      case .market: break
      case .limit(let price), .stop(let price):
        if outsideCollar(price.raw, reference: last, limits: limits, tick: tick) {
          return .outsideCollar
        }
      case .stopLimit(let trigger, let limit):
        if outsideCollar(trigger.raw, reference: last, limits: limits, tick: tick)
          || outsideCollar(limit.raw, reference: last, limits: limits, tick: tick)
        {
          return .outsideCollar
        }
      }
    }
    let referencePrice = order.referencePrice?.raw ?? last

    let notional = instruments[index].valuation.value(
      quantity: order.quantity.raw, price: referencePrice)

    // Throttles (the order is recorded only once every other check passed).
    if slots[slot].rate?.wouldAllow(at: now) == false { return .slotThrottled }
    let venue = instruments[index].venue
    if venues[venue].rate?.wouldAllow(at: now) == false { return .venueThrottled }

    // Orders per day and cooldown: no new entries past them.
    rollTradingDay(at: now)
    let slotLimits = slots[slot].limits
    if entryBlock == nil, let cap = slotLimits.maxOrdersPerDay, slots[slot].ordersToday >= cap {
      entryBlock = .maxOrdersPerDay
    }
    let onBook = slots[slot].onBook
    if entryBlock == nil, onBook, let cap = configuration.account.maxOrdersPerDay,
      accountOrdersToday >= cap
    {
      entryBlock = .accountOrdersPerDay
    }
    if entryBlock == nil, let cooldown = slotLimits.cooldownNanos,
      slots[slot].lastFillAt != .min, now - slots[slot].lastFillAt < cooldown
    {
      entryBlock = .cooldown
    }

    var allowed = order.quantity.raw
    if let entryBlock {
      if reducibleRaw == 0 { return entryBlock }
      allowed = min(allowed, reducibleRaw)
    }

    // Per-order caps (refused, not shrunk: the strategy asked for something else).
    if let cap = limits.maxOrderQuantity, cap.raw < order.quantity.raw { return .maxOrderQuantity }
    if let cap = limits.maxOrderNotional, cap.raw < notional { return .maxOrderNotional }
    if let cap = slotLimits.maxOrderNotional, cap.raw < notional { return .maxOrderNotional }

    // Sizing and caps bound the part that opens or adds. The slot's equity (a walk over its
    // positions) is computed once, and only when a rule needs it.
    var binding: DenialReason?
    if allowed > reducibleRaw {
      let slotEquity =
        sizing[slot] != nil || slotLimits.maxLeverage != nil ? kernel.slotEquity(slot).raw : 0
      if let sized = sizedEntry(
        slot: slot, instrument: index, price: referencePrice, slotEquity: slotEquity,
        winProbability: context.winProbability, payoffRatio: context.payoffRatio)
      {
        switch sized {
        case .success(let quantity):
          if reducibleRaw + quantity < allowed {
            allowed = reducibleRaw + quantity
            binding = .sizedToZero
          }
        case .failure(let reason):
          if reducibleRaw == 0 { return reason } else { allowed = reducibleRaw }
        }
      }
      if allowed > reducibleRaw {
        let room = capRoom(
          slot: slot, instrument: index, direction: direction, position: position,
          working: working, price: referencePrice, slotEquity: slotEquity, binding: &binding)
        if room < allowed { allowed = max(room, reducibleRaw) }
      }
    }

    // Shrink to whole lots; an order shrunk below the minimum is denied with the binding reason.
    if allowed < order.quantity.raw {
      let lot = instruments[index].lot
      allowed -= allowed % lot
      guard allowed > 0, allowed >= instruments[index].minQuantity else {
        return binding ?? .quantityBelowMinimum
      }
      _ = order.reduceQuantity(to: Quantity(raw: allowed, precision: order.quantity.precision))
    }
    if order.quantity.raw < instruments[index].minQuantity { return .quantityBelowMinimum }
    let approvedNotional = instruments[index].valuation.value(
      quantity: order.quantity.raw, price: referencePrice)
    if instruments[index].minNotional > 0, approvedNotional < instruments[index].minNotional {
      return .notionalBelowMinimum
    }

    // Traded notional per day (a credit threshold, counted when approved).
    if let cap = slotLimits.maxDailyNotional,
      slots[slot].notionalToday + Int128(approvedNotional) > Int128(cap.raw)
    {
      return .slotDailyNotional
    }
    if slots[slot].onBook, let cap = configuration.account.maxDailyNotional,
      accountNotionalToday + Int128(approvedNotional) > Int128(cap.raw)
    {
      return .accountDailyNotional
    }

    // Runaway flow: every order about to reach the market counts (denied intents do not: a
    // strategy retrying through a cooldown is not a runaway), and the one past a bound halts
    // the slot.
    if let trip = slots[slot].runaway.recordOrder(
      OrderSignature(order), notional: approvedNotional, at: now)
    {
      runawayTripped(slot: slot, trip: trip)
      return .runaway
    }

    // Approved: count it.
    slots[slot].rate?.record(at: now)
    venues[venue].rate?.record(at: now)
    slots[slot].ordersToday += 1
    slots[slot].notionalToday += Int128(approvedNotional)
    if slots[slot].onBook {
      accountOrdersToday += 1
      accountNotionalToday += Int128(approvedNotional)
    }
    return nil
  }

  /// The denial a halted or paused level gives; sets `entryBlock` for a reducing level.
  @inline(__always)
  private func stateDenial(slot: SlotID, instrument: Int, entryBlock: inout DenialReason?)
    -> DenialReason?
  {
    // A kill of the account queued from another thread counts from the moment it was queued.
    if commands.accountKillPending { return .accountHalted }
    switch account.state {
    case .halted: return .accountHalted
    case .paused: return .accountPaused
    case .reducing: entryBlock = .accountReducing
    case .active: break
    }
    switch slots[slot].latched.state {
    case .halted: return .slotHalted
    case .paused: return .slotPaused
    case .reducing: if entryBlock == nil { entryBlock = .slotReducing }
    case .active: break
    }
    switch instruments[instrument].latched.state {
    case .halted: return .instrumentHalted
    case .paused: return .instrumentPaused
    case .reducing: if entryBlock == nil { entryBlock = .instrumentReducing }
    case .active: break
    }
    return nil
  }

  /// Whether `price` is further from `reference` than the collar allows.
  @inline(__always)
  private func outsideCollar(
    _ price: Int64, reference: Int64, limits: InstrumentLimits, tick: Int64
  ) -> Bool {
    let distance = (price - reference).magnitude
    if let ticks = limits.collarTicks, distance > UInt64(ticks) * UInt64(max(tick, 1)) {
      return true
    }
    if let fraction = limits.collarFraction, Double(distance) > fraction * Double(reference) {
      return true
    }
    return false
  }

  /// A runaway bound tripped: the slot halts at once (its resting orders are cancelled).
  private func runawayTripped(slot: SlotID, trip: RunawayTrip) {
    latch(
      .slot(slot), to: .halted, reason: "runaway: \(trip.description)", source: .breaker,
      values: [
        .init("kind", "\(trip.kind)"), .init("observed", String(trip.observed)),
        .init("limit", String(trip.limit)),
      ])
  }
}

extension RiskWrapper {
  /// The kernel handed `slot` more than `limit` order events within one step: its strategy
  /// answers order events with new orders (resubmitting on every denial). A runaway, whatever
  /// the configured runaway bounds (even with them off): the slot halts (its resting orders are
  /// cancelled), audited with source `breaker`.
  public func orderEventFlood(slot: SlotID, limit: Int, at now: Int64) {
    latch(
      .slot(slot), to: .halted,
      reason:
        "runaway: more than \(limit) order events within one kernel step (the strategy answers its order events with new orders)",
      source: .breaker,
      values: [.init("kind", "orderEventFlood"), .init("limit", String(limit))])
  }
}
