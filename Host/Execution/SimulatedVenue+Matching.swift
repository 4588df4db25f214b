import TradingModel

extension SimulatedVenue {
  /// The price and liquidity of an order that can fill on arrival at `reference`, or `nil`.
  func immediateFill(_ order: Order, reference: ReferencePrices) -> (Int64, Liquidity)? {
    let price = reference.price(for: order.side)
    switch order.type {
    case .market:
      return (slipped(price, order.side, order.instrument), .taker)
    case .limit(let limit):
      return crosses(limit.raw, price, order.side) ? (price, .taker) : nil
    case .stop(let trigger):
      return reached(trigger.raw, price, order.side)
        ? (slipped(price, order.side, order.instrument), .taker) : nil
    case .stopLimit(let trigger, let limit):
      return reached(trigger.raw, price, order.side) && crosses(limit.raw, price, order.side)
        ? (price, .taker) : nil
    }
  }

  /// Evaluates the resting order at `index` against an event; `true` when it left the table.
  func evaluate(
    _ index: Int, range: EventRange, at now: Int64, sink: some VenueSink
  ) -> Bool {
    let side = resting[index].side
    let instrument = resting[index].instrument
    let open = range.open(for: side)
    switch resting[index].type {
    case .market:
      return fillResting(index, price: slipped(open, side, instrument), .taker, now, sink)
    case .limit(let limit):
      if let price = limitFill(limit.raw, side: side, range: range) {
        return fillResting(index, price: price, .maker, now, sink)
      }
      return false
    case .stop(let trigger):
      if reached(trigger.raw, open, side) {
        return fillResting(index, price: slipped(open, side, instrument), .taker, now, sink)
      }
      if reached(trigger.raw, side == .buy ? range.high : range.low, side) {
        return fillResting(
          index, price: slipped(trigger.raw, side, instrument), .taker, now, sink)
      }
      return false
    case .stopLimit(let trigger, let limit):
      if resting[index].state == .triggered {
        if let price = limitFill(limit.raw, side: side, range: range) {
          return fillResting(index, price: price, .maker, now, sink)
        }
        return false
      }
      let triggerPrice: Int64
      if reached(trigger.raw, open, side) {
        triggerPrice = open
      } else if reached(trigger.raw, side == .buy ? range.high : range.low, side) {
        triggerPrice = trigger.raw
      } else {
        return false
      }
      do throws(OrderTransitionError) {
        try resting[index].apply(.triggered, at: now)
      } catch {
        let order = resting.remove(at: index)
        sink.venueRejected(order, reason: "illegal order transition on trigger")
        return true
      }
      sink.venueTriggered(resting[index])
      if crosses(limit.raw, triggerPrice, side) {
        return fillResting(index, price: triggerPrice, .taker, now, sink)
      }
      return false
    }
  }

  /// A resting limit's fill price on an event: the open when it gaps through, the limit when the
  /// range touches it.
  @inline(__always)
  func limitFill(_ limit: Int64, side: OrderSide, range: EventRange) -> Int64? {
    let open = range.open(for: side)
    if crosses(limit, open, side) { return open }
    if crosses(limit, side == .buy ? range.low : range.high, side) { return limit }
    return nil
  }

  /// Whether a limit at `limit` accepts `price` (a buy at or below, a sell at or above).
  @inline(__always)
  func crosses(_ limit: Int64, _ price: Int64, _ side: OrderSide) -> Bool {
    side == .buy ? price <= limit : price >= limit
  }

  /// Whether `price` reached a stop at `trigger` (a buy stop at or above, a sell at or below).
  @inline(__always)
  func reached(_ trigger: Int64, _ price: Int64, _ side: OrderSide) -> Bool {
    side == .buy ? price >= trigger : price <= trigger
  }

  /// `price` moved against `side` by the configured slippage (never below one tick).
  @inline(__always)
  func slipped(_ price: Int64, _ side: OrderSide, _ instrument: InstrumentID) -> Int64 {
    let ticks = configuration.slippageTicks
    guard ticks != 0 else { return price }
    let move = ticks * instruments[Int(instrument)].tickSize.raw
    let tick = instruments[Int(instrument)].tickSize.raw
    return side == .buy ? price + move : max(tick, price - move)
  }

  /// Fills the resting order at `index` and removes it; always `true`.
  func fillResting(
    _ index: Int, price: Int64, _ liquidity: Liquidity, _ now: Int64,
    _ sink: some VenueSink
  ) -> Bool {
    var order = resting.remove(at: index)
    fill(&order, price: price, liquidity: liquidity, at: now, sink: sink)
    return true
  }

  /// Fills all of `order` that the sink allows at `price`; a reduce-only order with nothing
  /// to reduce is cancelled.
  func fill(
    _ order: inout Order, price: Int64, liquidity: Liquidity, at now: Int64,
    sink: some VenueSink
  ) {
    let instrument = instruments[Int(order.instrument)]
    let quantity = sink.fillableQuantity(order, proposed: order.leavesQuantity)
    guard quantity.raw > 0 else {
      cancel(
        &order, reason: "reduce-only order has no position to reduce", at: now, sink: sink)
      return
    }
    let fillPrice = Price(raw: price, precision: instrument.pricePrecision)
    let notional = instrument.notional(price: fillPrice, quantity: quantity)
    let fill = Fill(
      clientOrderID: order.clientOrderID, slot: order.slot, instrument: order.instrument,
      side: order.side, quantity: quantity, price: fillPrice,
      fee: configuration.fees.fee(on: notional, liquidity: liquidity), liquidity: liquidity,
      timestamp: now, tradeID: nextTradeID)
    nextTradeID += 1
    do throws(OrderTransitionError) {
      try order.applyFill(fill)
    } catch {
      sink.venueRejected(order, reason: "illegal order transition on fill")
      return
    }
    sink.venueFilled(order, fill: fill)
    if order.leavesQuantity.raw > 0 {
      // A reduce-only order clipped to the position: the rest cannot fill.
      cancel(&order, reason: "reduce-only remainder cancelled", at: now, sink: sink)
    }
  }

  func cancel(
    _ order: inout Order, reason: StaticString, at now: Int64,
    sink: some VenueSink
  ) {
    do throws(OrderTransitionError) {
      try order.apply(.canceled, at: now)
    } catch {
      sink.venueRejected(order, reason: "illegal order transition on cancel")
      return
    }
    sink.venueCanceled(order, reason: reason)
  }

  func expire(_ order: inout Order, at now: Int64, sink: some VenueSink) {
    do throws(OrderTransitionError) {
      try order.apply(.expired, at: now)
    } catch {
      sink.venueRejected(order, reason: "illegal order transition on expiry")
      return
    }
    sink.venueExpired(order)
  }
}
