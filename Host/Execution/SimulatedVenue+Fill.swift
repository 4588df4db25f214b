import TradingModel

extension SimulatedVenue {
  /// An order taking liquidity at `price` (the market's price for its side), never past
  /// `limit`: first from resting orders of other slots priced at or better than the market,
  /// then from the market within the event's budget. FOK fills in full or not at all.
  func take(
    _ working: inout WorkingOrder, price: Int64, limit: Int64?, at now: Int64,
    sink: some VenueSink
  ) {
    let index = Int(working.order.instrument)
    let side = working.order.side
    if working.order.timeInForce == .fok {
      let wanted = working.fillable
      let available = books[index].budget(side).addingReportingOverflow(
        ownLiquidity(against: working, price: price, limit: limit)
      )
      let reducible = sink.fillableQuantity(working.order, proposed: working.order.leavesQuantity)
      if (!available.overflow && available.partialValue < wanted) || reducible.raw < wanted {
        finish(&working, at: now, sink: sink) { order in
          cancel(&order, reason: "FOK order could not fill in full", at: now, sink: sink)
        }
        return
      }
    }
    matchOwnBook(&working, price: price, limit: limit, at: now, sink: sink)
    guard !working.closed else { return }
    let budget = ignoresBudget ? Int64.max : books[index].budget(side)
    let quantity = min(working.fillable, budget)
    if quantity > 0 {
      var fillPrice = limit == nil ? slipped(price, side, index) : price
      fillPrice = impacted(fillPrice, quantity: quantity, side: side, book: index)
      if let limit { fillPrice = side == .buy ? min(fillPrice, limit) : max(fillPrice, limit) }
      fill(
        &working, quantity: quantity, price: fillPrice, liquidity: .taker,
        reason: quantity < working.fillable ? .volumeCap : .cross, external: true, at: now,
        sink: sink)
    }
    if limit == nil, !working.closed {
      // A market order (or a triggered stop) never rests: what the event's volume could not
      // give is cancelled, as a venue expires a market order it runs out of liquidity for.
      finish(&working, at: now, sink: sink) { order in
        cancel(
          &order, reason: "market order remainder cancelled: the event's volume is used up",
          at: now, sink: sink)
      }
    }
  }

  /// The open quantity of other slots' resting orders an order could take at `price` or better.
  private func ownLiquidity(against working: WorkingOrder, price: Int64, limit: Int64?) -> Int64 {
    let side = working.order.side
    let book = books[Int(working.order.instrument)]
    var total: Int64 = 0
    for resting in side == .buy ? book.asks : book.bids
    where !resting.closed && resting.order.slot != working.order.slot {
      guard crosses(price, resting.limit, side),
        limit.map({ crosses($0, resting.limit, side) }) ?? true
      else { break }
      total += resting.fillable
    }
    return total
  }

  /// Matches an incoming order against the book's resting orders on the other side that are
  /// priced at or better than the market (`price`) and within `limit`, best first; orders of
  /// the same slot never match (self-trade prevention).
  private func matchOwnBook(
    _ working: inout WorkingOrder, price: Int64, limit: Int64?, at now: Int64,
    sink: some VenueSink
  ) {
    let index = Int(working.order.instrument)
    let side = working.order.side
    let list: OrderPlace.List = side == .buy ? .asks : .bids
    var position = 0
    while !working.closed,
      position < (side == .buy ? books[index].asks.count : books[index].bids.count)
    {
      let place = OrderPlace(instrument: index, list: list, index: position)
      position += 1
      var resting = self[place]
      if resting.closed || resting.arrival > now { continue }
      guard crosses(price, resting.limit, side),
        limit.map({ crosses($0, resting.limit, side) }) ?? true
      else { return }
      if resting.order.slot == working.order.slot {
        let mode = configuration.selfTrade
        if mode == .cancelResting || mode == .cancelBoth {
          close(place, at: now, sink: sink) { order in
            cancel(&order, reason: "cancelled: self-trade prevention", at: now, sink: sink)
          }
        }
        if mode == .cancelIncoming || mode == .cancelBoth {
          finish(&working, at: now, sink: sink) { order in
            cancel(&order, reason: "cancelled: self-trade prevention", at: now, sink: sink)
          }
        }
        continue
      }
      let quantity = min(working.fillable, resting.fillable)
      guard quantity > 0 else { continue }
      self[place].closed = true  // taken out while it is worked
      fill(
        &resting, quantity: quantity, price: resting.limit, liquidity: .maker, reason: .book,
        external: false, at: now, sink: sink)
      self[place] = resting
      fill(
        &working, quantity: quantity, price: resting.limit, liquidity: .taker, reason: .book,
        external: false, at: now, sink: sink)
    }
  }

  /// Fills `quantity` (raw) of `working` at `price` (raw): the sink may clip a reduce-only
  /// order (nothing to reduce cancels it; a clipped remainder is cancelled). Counts the reason,
  /// takes the volume from the event's budget when `external`, cancels an OCO partner, and
  /// closes the order when nothing more may fill.
  func fill(
    _ working: inout WorkingOrder, quantity raw: Int64, price: Int64, liquidity: Liquidity,
    reason: FillReason, external: Bool, at now: Int64, sink: some VenueSink
  ) {
    let index = Int(working.order.instrument)
    let instrument = instruments[index]
    let proposed = Quantity(raw: raw, precision: working.order.quantity.precision)
    let quantity = sink.fillableQuantity(working.order, proposed: proposed)
    guard quantity.raw > 0 else {
      finish(&working, at: now, sink: sink) { order in
        cancel(&order, reason: "reduce-only order has no position to reduce", at: now, sink: sink)
      }
      return
    }
    let fillPrice = Price(raw: price, precision: instrument.pricePrecision)
    guard let notional = instrument.notional(price: fillPrice, quantity: quantity),
      let fee = configuration.fees.fee(
        on: notional, liquidity: liquidity, traded: tradedVolume.volume(at: now))
    else {
      // The fill cannot be priced in the account's money: refused, never clamped.
      finish(&working, at: now, sink: sink) { order in
        sink.venueRejected(order, reason: "the fill's notional does not fit the account's money")
      }
      return
    }
    // Whole units; only Int64.min's magnitude at precision 0 would not fit (the window
    // saturates there anyway).
    let units = notional.raw.magnitude / UInt64(FixedPoint.scale(notional.currency.precision))
    tradedVolume.record(Int64(clamping: units), at: now)
    let fill = Fill(
      clientOrderID: working.order.clientOrderID, slot: working.order.slot,
      instrument: working.order.instrument, side: working.order.side, quantity: quantity,
      price: fillPrice, fee: fee, liquidity: liquidity, timestamp: now, tradeID: nextTradeID)
    nextTradeID += 1
    do throws(OrderTransitionError) {
      try working.order.applyFill(fill)
    } catch {
      finish(&working, at: now, sink: sink) { order in
        sink.venueRejected(order, reason: "illegal order transition on fill")
      }
      return
    }
    if external { books[index].consume(working.order.side, quantity.raw) }
    fillCounts[reason.rawValue] += 1
    if recordsFills { fillLog.append(FillRecord(fill: fill, reason: reason)) }
    sink.venueFilled(working.order, fill: fill)
    if working.order.ocoOrderID != 0 { cancelPartner(of: working.order, at: now, sink: sink) }
    if working.order.leavesQuantity.raw == 0 {
      working.closed = true
      closed(working, at: now, sink: sink)
    } else if quantity.raw < proposed.raw {
      finish(&working, at: now, sink: sink) { order in
        cancel(&order, reason: "reduce-only remainder cancelled", at: now, sink: sink)
      }
    } else if working.fillable == 0 {
      finish(&working, at: now, sink: sink) { order in
        cancel(&order, reason: "cancelled: its parent order filled only in part", at: now, sink: sink)
      }
    }
  }

  /// Closes an order being worked (not in a list) with `body`, then carries out its links.
  func finish(
    _ working: inout WorkingOrder, at now: Int64, sink: some VenueSink,
    _ body: (inout Order) -> Void
  ) {
    body(&working.order)
    working.closed = true
    closed(working, at: now, sink: sink)
  }

  /// `price` moved against `side` by the configured slippage (never below one tick).
  @inline(__always)
  func slipped(_ price: Int64, _ side: OrderSide, _ index: Int) -> Int64 {
    let ticks = configuration.slippageTicks
    guard ticks != 0 else { return price }
    let tick = instruments[index].tickSize.raw
    return side == .buy ? price + ticks * tick : max(tick, price - ticks * tick)
  }

  /// `price` moved against `side` by the square-root impact of `quantity` (raw), if configured.
  @inline(__always)
  func impacted(_ price: Int64, quantity: Int64, side: OrderSide, book index: Int) -> Int64 {
    guard let impact = configuration.impact else { return price }
    let instrument = instruments[index]
    let sizeScale = Double(FixedPoint.scale(instrument.sizePrecision))
    let priceScale = Double(FixedPoint.scale(instrument.pricePrecision))
    let adv = impact.adv ?? Double(books[index].averageDailyVolume) / sizeScale
    let tick = instrument.tickSize.raw
    let ticks = impact.ticks(
      quantity: Double(quantity) / sizeScale, price: Double(price) / priceScale,
      tick: Double(tick) / priceScale, adv: adv)
    guard ticks > 0 else { return price }
    return side == .buy ? price + ticks * tick : max(tick, price - ticks * tick)
  }

  func cancel(
    _ order: inout Order, reason: StaticString, at now: Int64, sink: some VenueSink
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
