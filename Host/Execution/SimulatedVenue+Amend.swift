import TradingModel

extension SimulatedVenue {
  /// [kernel-thread] Changes an open order in place, as a venue's order-modify does, and
  /// answers through `sink` before it returns (`venueAmended`, then any fill the new price
  /// gives; or `venueAmendRejected` with the reason). `false` when no such order is open.
  ///
  /// Rules (`docs/venues.md`):
  /// - The amend keeps the order's kind, side, time in force and links; its quantity stays
  ///   above what has filled. It counts against the venue's order-rate limit.
  /// - A smaller (or equal) quantity at the same prices keeps the order's place in the queue.
  ///   Any other change, a new price or a larger quantity, loses it: the order leaves the book
  ///   and arrives again (after the entry latency), joining the back of its new price level,
  ///   or taking liquidity when the new limit crosses the market.
  /// - A post-only order whose new limit would cross the market now is refused, and keeps
  ///   working unchanged.
  /// - An order still in flight, waiting for its trigger or for its parent is changed where
  ///   it waits.
  public func amend(
    _ clientOrderID: ClientOrderID, to amendment: OrderAmendment, at now: Int64,
    sink: some VenueSink
  ) -> Bool {
    guard let place = locate(clientOrderID) else { return false }
    var working = self[place]
    let before = working.order
    if let reason = amendRefusal(before, amendment, at: now) {
      sink.venueAmendRejected(before, attempted: amendment, reason: reason)
      return true
    }
    do throws(OrderTransitionError) {
      try working.order.amend(to: amendment, at: now)
    } catch {
      sink.venueAmendRejected(
        before, attempted: amendment, reason: "illegal order transition on amend")
      return true
    }
    let keepsPlace = amendment.type == before.type && amendment.quantity.raw <= before.quantity.raw
    guard place.list != .pending, !keepsPlace else {
      self[place] = working
      sink.venueAmended(working.order)
      return true
    }
    // A new price or a larger size: out of the book, and in again as a new arrival.
    self[place].closed = true
    sink.venueAmended(working.order)
    let index = place.instrument
    working.arrived = false
    working.queueAhead = 0
    // A triggered stop-limit works at its new limit (it does not trigger again); a limit
    // order's limit is set on arrival.
    working.limit = working.triggered ? (amendment.type.limitPrice?.raw ?? 0) : 0
    if configuration.fillsOnSubmit, books[index].reference.isKnown {
      working.arrival = now
      arrive(&working, range: EventRange(reference: books[index].reference), at: now, sink: sink)
      if !working.closed { park(working) }
    } else {
      working.arrival =
        now + (configuration.fillsOnSubmit ? 0 : configuration.latency.delay(&random))
      books[index].pending.append(working)
    }
    books[index].compact()
    return true
  }

  /// Why the venue refuses `amendment` of `order`, or `nil`.
  private func amendRefusal(_ order: Order, _ amendment: OrderAmendment, at now: Int64)
    -> StaticString?
  {
    guard order.isValid(amendment) else {
      return "an amend must keep the order's type and ask for more than has filled"
    }
    guard order.state != .pendingCancel else { return "the order is being cancelled" }
    if rateWindow != nil, !rateWindow!.admit(at: now) {
      return "order rate limit exceeded: too many orders in the window"
    }
    let book = books[Int(order.instrument)]
    if order.postOnly, let limit = amendment.type.limitPrice?.raw, book.reference.isKnown {
      let market = order.side == .buy ? book.reference.buy : book.reference.sell
      if crosses(limit, market, order.side) { return "post-only amend would take liquidity" }
    }
    return nil
  }

  /// The open order `clientOrderID` as the venue holds it, or `nil`.
  public func openOrder(_ clientOrderID: ClientOrderID) -> Order? {
    locate(clientOrderID).map { self[$0].order }
  }
}
