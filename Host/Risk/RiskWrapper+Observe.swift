import Kernel
import RiskHealth
import TradingModel

extension RiskWrapper {
  /// Per event, before strategies see it: manual controls, the instrument's price, ATR and
  /// stale-data breaker, the other instruments' staleness, the account's and slots' loss limits,
  /// the strategies' error breakers, and host exits on the event's instrument.
  ///
  /// [kernel-thread] Allocation-free unless something trips (audit records allocate).
  public func observe(_ event: MarketEvent) {
    let now = event.timestamp
    checkAuditFailures()
    if commands.hasPending { applyCommands() }
    let index = Int(event.instrument)
    let high: Price
    let low: Price
    let close: Price
    switch event {
    case .bar(let bar):
      (high, low, close) = (bar.high, bar.low, bar.close)
    case .quote(let quote):
      let mid = quote.mid
      (high, low, close) = (mid, mid, mid)
    case .trade(let trade):
      (high, low, close) = (trade.price, trade.price, trade.price)
    }
    if needsATR {
      _ = instruments[index].atr.update(
        high: high.doubleValue, low: low.doubleValue, close: close.doubleValue)
      for slot in volatilitySlots {
        _ = volatilities[slot * instrumentCount + index]?.update(price: close.doubleValue)
      }
    }
    dataArrived(index, at: now)
    instruments[index].lastPrice = close.raw
    if watchesStaleness { checkStaleness(at: now) }
    rollTradingDay(at: now)
    if watchesLosses { checkLossLimits(at: now) }
    checkPluginHealth(at: now)
    enforceExits(instrument: index, high: high, low: low, close: close, at: now)
  }

  /// The driver's timer: manual controls, staleness and breaker cooldowns move on wall-clock
  /// time even when no event arrives.
  public func idle(at now: Int64) {
    checkAuditFailures()
    if commands.hasPending { applyCommands() }
    if watchesStaleness { checkStaleness(at: now) }
    checkPluginHealth(at: now)
  }

  /// An event of `index` arrived: a stale instrument goes half-open, and closes after
  /// `freshEventsToRecover` events each within the staleness bound of the one before.
  private func dataArrived(_ index: Int, at now: Int64) {
    let previous = instruments[index].lastEventAt
    instruments[index].lastEventAt = now
    guard let bound = instruments[index].limits.staleAfterNanos else { return }
    if previous == .min || instruments[index].stale != .closed {
      // A first event, or data coming back: this instrument has a deadline again.
      staleCheckDue = min(staleCheckDue, now + bound)
    }
    switch instruments[index].stale {
    case .closed:
      return
    case .open:
      instruments[index].stale = .halfOpen
      instruments[index].freshEvents = 1
    case .halfOpen:
      instruments[index].freshEvents =
        now - previous <= bound ? instruments[index].freshEvents + 1 : 1
    }
    let needed = max(instruments[index].limits.freshEventsToRecover, 1)
    if instruments[index].freshEvents >= needed {
      instruments[index].stale = .closed
      breakerMoved(
        scopeName(.instrument(InstrumentID(index))), from: "stale", to: "fresh", at: now,
        reason: "market data is fresh again: \(needed) events in time",
        values: [.init("fresh_events", String(instruments[index].freshEvents))])
    }
  }

  /// Instruments with no event for longer than their bound go to reducing (breaker open). The
  /// instruments are looked at only once the earliest of their deadlines has passed (events only
  /// push deadlines later), so an ordinary event costs one comparison.
  func checkStaleness(at now: Int64) {
    guard now > staleCheckDue else { return }
    var due = Int64.max
    for index in instruments.indices {
      guard let bound = instruments[index].limits.staleAfterNanos,
        instruments[index].stale != .open, instruments[index].lastEventAt != .min
      else { continue }
      let age = now - instruments[index].lastEventAt
      guard age > bound else {
        due = min(due, instruments[index].lastEventAt + bound)
        continue
      }
      instruments[index].stale = .open
      breakerMoved(
        scopeName(.instrument(InstrumentID(index))), from: "fresh", to: "stale", at: now,
        reason: "no market data for \(age / 1_000_000_000) s: only orders that reduce pass",
        values: [.init("age_ns", String(age)), .init("bound_ns", String(bound))])
    }
    staleCheckDue = due
  }

  /// A new trading day resets the day's counters and starting equities.
  func rollTradingDay(at now: Int64) {
    let day = dailySchedule?.dayIndex(at: now) ?? UTCDay.of(now)
    guard day != tradingDay else { return }
    tradingDay = day
    accountOrdersToday = 0
    accountNotionalToday = 0
    dayStartEquity = kernel.accountEquity.raw
    for slot in slots.indices {
      slots[slot].ordersToday = 0
      slots[slot].notionalToday = 0
      if slots[slot].limits.maxDailyLossFraction != nil {
        slots[slot].dayStartEquity = kernel.slotEquity(slot).raw
      }
    }
    let ring = Int(day.magnitude % 7)
    weekPeakDays[ring] = day
    weekPeaks[ring] = dayStartEquity
  }

  /// Drawdown from peak and the day's loss halt the account; the 7-day drawdown freezes
  /// deployments; a slot's own limits halt the slot.
  func checkLossLimits(at now: Int64) {
    let equity = kernel.accountEquity.raw
    if equity > peakEquity { peakEquity = equity }
    let ring = Int(tradingDay.magnitude % 7)
    if equity > weekPeaks[ring] { weekPeaks[ring] = equity }
    let limits = configuration.account
    if account.state < .halted {
      if let bound = limits.maxDrawdown, peakEquity > 0,
        Double(peakEquity - equity) >= bound * Double(peakEquity)
      {
        latch(
          .account, to: .halted, reason: "drawdown from peak equity reached its limit",
          source: .rule, values: lossValues(peak: peakEquity, equity: equity, bound: bound))
      } else if let bound = limits.maxDailyLossFraction, dayStartEquity > 0,
        Double(dayStartEquity - equity) >= bound * Double(dayStartEquity)
      {
        latch(
          .account, to: .halted, reason: "the day's loss reached its limit (fraction of equity)",
          source: .rule, values: lossValues(peak: dayStartEquity, equity: equity, bound: bound))
      } else if let bound = limits.maxDailyLoss, dayStartEquity - equity >= bound.raw {
        latch(
          .account, to: .halted, reason: "the day's loss reached its limit (absolute)",
          source: .rule,
          values: [
            .init("day_start_equity", money(dayStartEquity)), .init("equity", money(equity)),
            .init("limit", money(bound.raw)),
          ])
      }
    }
    if !deploymentsFrozen, let bound = limits.deploymentFreezeDrawdown {
      var weekPeak = equity
      for day in 0..<7 where weekPeakDays[day] > tradingDay - 7 && weekPeaks[day] > weekPeak {
        weekPeak = weekPeaks[day]
      }
      if weekPeak > 0, Double(weekPeak - equity) >= bound * Double(weekPeak) {
        freezeDeployments(
          reason: "7-day drawdown reached the deployment freeze threshold",
          values: lossValues(peak: weekPeak, equity: equity, bound: bound))
      }
    }
    for slot in slots.indices where slots[slot].latched.state < .halted {
      let limits = slots[slot].limits
      guard limits.maxDrawdown != nil || limits.maxDailyLossFraction != nil else { continue }
      let slotEquity = kernel.slotEquity(slot).raw
      if slotEquity > slots[slot].peakEquity { slots[slot].peakEquity = slotEquity }
      let peak = slots[slot].peakEquity
      let dayStart = slots[slot].dayStartEquity
      if let bound = limits.maxDrawdown, peak > 0,
        Double(peak - slotEquity) >= bound * Double(peak)
      {
        latch(
          .slot(slot), to: .halted, reason: "the slot's drawdown from peak reached its limit",
          source: .rule, values: lossValues(peak: peak, equity: slotEquity, bound: bound))
      } else if let bound = limits.maxDailyLossFraction, dayStart > 0,
        Double(dayStart - slotEquity) >= bound * Double(dayStart)
      {
        latch(
          .slot(slot), to: .halted, reason: "the slot's loss for the day reached its limit",
          source: .rule, values: lossValues(peak: dayStart, equity: slotEquity, bound: bound))
      }
    }
  }

  /// Gives each strategy's error breaker one sample per event (or timer tick) in which the
  /// strategy was called: bad when any of its callbacks since the last sample returned an error.
  /// The breaker thus measures the share of events with errors; an opening or closing breaker is
  /// audited. Good samples are handed over in one batch per breaker bucket (the window's
  /// resolution); a bad one, and every sample while the breaker is open, at once.
  func checkPluginHealth(at now: Int64) {
    for index in slots.indices {
      let (callbacks, errors) = kernel.pluginHealth(slot: index)
      let sampled = callbacks != slots[index].seenCallbacks
      let failed = errors != slots[index].seenErrors
      slots[index].seenCallbacks = callbacks
      slots[index].seenErrors = errors
      if sampled && !failed { slots[index].pendingGood += 1 }
      guard failed || slots[index].pluginBreakerTripped || now >= slots[index].healthDueAt
      else { continue }
      if let transition = slots[index].pluginBreaker.poll(at: now) {
        pluginBreakerMoved(index, transition)
      }
      let good = slots[index].pendingGood
      slots[index].pendingGood = 0
      slots[index].healthDueAt =
        now + configuration.pluginBreaker.windowNanos
        / Int64(max(configuration.pluginBreaker.windowBuckets, 1))
      if let transition = slots[index].pluginBreaker.record(
        goodCount: good, badCount: failed && sampled ? 1 : 0, at: now)
      {
        pluginBreakerMoved(index, transition)
      }
    }
  }

  private func pluginBreakerMoved(_ index: Int, _ transition: BreakerTransition) {
    slots[index].pluginBreakerTripped = transition.to == .open
    let slot = kernel.slots[index]
    breakerMoved(
      "slot \(slot.name)", from: "\(transition.from)", to: "\(transition.to)", at: transition.at,
      reason: "the strategy's error breaker moved",
      values: [
        .init("events_with_errors", String(transition.badSamples)),
        .init("events", String(transition.totalSamples)),
        .init("cooldown_ns", String(transition.cooldownNanos)),
        .init("last_error", slot.lastError ?? ""),
      ])
  }

  func lossValues(peak: Int64, equity: Int64, bound: Double) -> [AuditRecord.Value] {
    [
      .init("reference_equity", money(peak)), .init("equity", money(equity)),
      .init("loss_fraction", String(Double(peak - equity) / Double(peak))),
      .init("limit_fraction", String(bound)),
    ]
  }

  /// A raw account-currency amount as decimal text.
  func money(_ raw: Int64) -> String {
    Money(raw: raw, currency: kernel.configuration.currency).description
  }
}
