import TradingModel

extension ExitTracker {
  /// Checks a market event against the exits and returns the action to take, if any (see the
  /// type's documentation for the order and the rules). For a single price (a trade, a mid)
  /// pass it as `high`, `low` and `close`. `atr` is the current ATR if known; `now` the event's
  /// time. Hot path: no allocation.
  public mutating func evaluate(
    high: Price, low: Price, close: Price, atr: Double?, at now: Int64
  ) -> ExitAction? {
    guard position.raw != 0, entryPrice != nil else { return nil }
    precondition(
      high.precision == pricePrecision && low.precision == pricePrecision,
      "price at another price precision")
    var action: ExitAction?
    if pending == nil {
      action =
        stopAction(high: high, low: low) ?? timeAction(close: close, at: now)
        ?? takeProfitAction(high: high, low: low)
    }
    // What this event teaches applies from the next one.
    placeStop(atr: atr)
    best = direction > 0 ? max(best, high.raw) : min(best, low.raw)
    updateTrailingStop(atr: atr)
    return action
  }

  /// Closes everything when the tighter stop was crossed.
  private mutating func stopAction(high: Price, low: Price) -> ExitAction? {
    let level: Int64
    let reason: ExitReason
    switch (stopLossPrice, trailingStopPrice) {
    case (nil, nil):
      return nil
    case (let stop?, nil):
      (level, reason) = (stop.raw, .stopLoss)
    case (nil, let trailing?):
      (level, reason) = (trailing.raw, .trailingStop)
    case (let stop?, let trailing?):
      let trailingIsTighter = tighterStop(stop.raw, trailing.raw) != stop.raw
      (level, reason) = trailingIsTighter ? (trailing.raw, .trailingStop) : (stop.raw, .stopLoss)
    }
    let crossed = direction > 0 ? low.raw <= level : high.raw >= level
    guard crossed else { return nil }
    return emit(reason, quantity: Int64(position.raw.magnitude), trigger: level, rungs: nil)
  }

  /// Closes everything once the trade is `maxHoldingNanos` old.
  private mutating func timeAction(close: Price, at now: Int64) -> ExitAction? {
    guard let limit = rules.maxHoldingNanos else { return nil }
    let (age, overflow) = now.subtractingReportingOverflow(entryTime)
    guard !overflow, age >= limit else { return nil }
    return emit(
      .timeExit, quantity: Int64(position.raw.magnitude), trigger: close.raw, rungs: nil)
  }

  /// Closes the planned shares of every next rung whose target was reached.
  private mutating func takeProfitAction(high: Price, low: Price) -> ExitAction? {
    guard let ladder = rules.takeProfit, riskTicks > 0, closedRungs < ladder.rungs.count else {
      return nil
    }
    var last = -1
    var trigger: Int64 = 0
    var planned: Int64 = 0
    for rung in closedRungs..<ladder.rungs.count {
      let target = targetRaw(rung: rung)
      let reached = direction > 0 ? high.raw >= target : low.raw <= target
      guard reached else { break }
      last = rung
      trigger = target
      planned += plannedRaw(rung: rung)
    }
    guard last >= 0 else { return nil }
    let magnitude = Int64(position.raw.magnitude)
    let quantity = last == ladder.rungs.count - 1 ? magnitude : min(planned, magnitude)
    guard quantity > 0 else {
      // Rungs whose share rounded to zero lots close without an order.
      closeRungs(through: last)
      return nil
    }
    return emit(
      .takeProfit(rung: last), quantity: quantity, trigger: trigger, rungs: closedRungs...last)
  }

  /// Records the pending exit and builds the action.
  private mutating func emit(
    _ reason: ExitReason, quantity: Int64, trigger: Int64, rungs: ClosedRange<Int>?
  ) -> ExitAction {
    let magnitude = Int64(position.raw.magnitude)
    pending = PendingExit(
      reason: reason, startMagnitude: magnitude, expectedRemaining: magnitude - quantity,
      rungs: rungs)
    return ExitAction(
      reason: reason, quantity: Quantity(raw: quantity, precision: sizePrecision),
      triggerPrice: Price(raw: trigger, precision: pricePrecision))
  }
}
