import TradingModel

extension SimulatedVenue {
  /// [kernel-thread] Matches the open orders of the event's instrument against it (orders that
  /// arrive, stops, then the book by price-time priority), then takes its prices and sizes as
  /// the current market. Call before strategies see the event.
  public func match(_ event: MarketEvent, sink: some VenueSink) {
    let index = Int(event.instrument)
    let now = event.timestamp
    let range = EventRange(event)
    begin(event, range: range, book: index)
    if !books[index].pending.isEmpty || !books[index].bids.isEmpty || !books[index].asks.isEmpty {
      if dayOrders > 0 { expireDayOrders(index, at: now, sink: sink) }
      matchPending(index, range: range, at: now, sink: sink)
      matchBook(index, side: .buy, range: range, at: now, sink: sink)
      matchBook(index, side: .sell, range: range, at: now, sink: sink)
      books[index].compact()
    }
    books[index].reference.update(with: event)
  }

  /// Sets the event's volume budget and the market's sizes.
  private func begin(_ event: MarketEvent, range: EventRange, book index: Int) {
    let tick = instruments[Int(index)].tickSize.raw
    switch event {
    case .quote(let quote):
      books[index].bidSize = quote.bidSize.raw
      books[index].askSize = quote.askSize.raw
      books[index].sharedBudget = false
      if configuration.participation != nil {
        books[index].buyBudget = quote.askSize.raw > 0 ? quote.askSize.raw : .max
        books[index].sellBudget = quote.bidSize.raw > 0 ? quote.bidSize.raw : .max
      }
    case .bar, .trade:
      books[index].recordVolume(range.volume, at: range.traded ? event.timestamp : 0)
      books[index].levelVolume = range.levelVolume(tick: tick)
      books[index].sharedBudget = true
      if let cap = configuration.participation {
        let capped = Int128(range.volume) * Int128(cap.hundredths) / 1_000_000
        books[index].buyBudget = Int64(capped)
        books[index].sellBudget = Int64(capped)
      }
    }
  }

  private func expireDayOrders(_ index: Int, at now: Int64, sink: some VenueSink) {
    expireDayOrders(index, .pending, at: now, sink: sink)
    expireDayOrders(index, .bids, at: now, sink: sink)
    expireDayOrders(index, .asks, at: now, sink: sink)
  }

  private func expireDayOrders(
    _ index: Int, _ list: OrderPlace.List, at now: Int64, sink: some VenueSink
  ) {
    let today = UTCDay.of(now)
    do {
      var position = 0
      while position < count(index, list) {
        let place = OrderPlace(instrument: index, list: list, index: position)
        let working = self[place]
        if !working.closed, working.order.timeInForce == .day,
          UTCDay.of(working.order.createdAt) < today
        {
          close(place, at: now, sink: sink) { order in expire(&order, at: now, sink: sink) }
        }
        position += 1
      }
    }
  }

  private func count(_ index: Int, _ list: OrderPlace.List) -> Int {
    switch list {
    case .pending: books[index].pending.count
    case .bids: books[index].bids.count
    case .asks: books[index].asks.count
    }
  }

  /// Orders that arrive now, market orders still working, and stops.
  private func matchPending(
    _ index: Int, range: EventRange, at now: Int64, sink: some VenueSink
  ) {
    var position = 0
    let end = books[index].pending.count
    while position < end {
      var working = books[index].pending[position]
      if working.closed || working.waitingForParent || working.arrival > now {
        position += 1
        continue
      }
      books[index].pending[position].closed = true  // taken out while it is worked
      if !working.arrived {
        arrive(&working, range: range, at: now, sink: sink)
      } else {
        work(&working, range: range, at: now, sink: sink)
      }
      if working.closed {
        books[index].pending[position] = working
      } else if inBook(working) {
        books[index].insert(working)
      } else {
        books[index].pending[position] = working
      }
      position += 1
    }
  }

  /// Whether an open order works in the book (a limit, a triggered stop-limit).
  @inline(__always)
  func inBook(_ working: WorkingOrder) -> Bool {
    switch working.order.type {
    case .limit: true
    case .stopLimit: working.triggered
    case .market, .stop: false
    }
  }

  /// An order arriving at the venue, at the range's first price.
  func arrive(
    _ working: inout WorkingOrder, range: EventRange, at now: Int64, sink: some VenueSink
  ) {
    working.arrived = true
    let side = working.order.side
    let price = range.open(for: side)
    switch working.order.type {
    case .market:
      take(&working, price: price, limit: nil, at: now, sink: sink)
    case .limit(let limit):
      working.limit = limit.raw
      if crosses(limit.raw, price, side) {
        if working.order.postOnly {
          finish(&working, at: now, sink: sink) { order in
            cancel(&order, reason: "post-only order would take liquidity", at: now, sink: sink)
          }
          return
        }
        take(&working, price: price, limit: limit.raw, at: now, sink: sink)
      }
    case .stop, .stopLimit:
      trigger(&working, range: range, at: now, sink: sink)
    }
    if !working.closed, working.order.timeInForce == .ioc || working.order.timeInForce == .fok {
      finish(&working, at: now, sink: sink) { order in
        cancel(&order, reason: "IOC/FOK order could not fill at once", at: now, sink: sink)
      }
      return
    }
    if !working.closed, inBook(working) {
      working.queueAhead = queueAhead(for: working)
    }
  }

  /// An arrived order outside the book: a market order or triggered stop still working, or a
  /// stop waiting for its trigger.
  private func work(
    _ working: inout WorkingOrder, range: EventRange, at now: Int64, sink: some VenueSink
  ) {
    switch working.order.type {
    case .market:
      take(&working, price: range.open(for: working.order.side), limit: nil, at: now, sink: sink)
    case .stop:
      if working.triggered {
        take(
          &working, price: range.open(for: working.order.side), limit: nil, at: now, sink: sink)
      } else {
        trigger(&working, range: range, at: now, sink: sink)
      }
    case .stopLimit:
      trigger(&working, range: range, at: now, sink: sink)
    case .limit:
      break
    }
  }

  /// Triggers a stop when the range reaches it (at the first price when it gaps through, else
  /// at the trigger), then fills it as a market (stop) or limit (stop-limit) order.
  private func trigger(
    _ working: inout WorkingOrder, range: EventRange, at now: Int64, sink: some VenueSink
  ) {
    guard let trigger = working.order.type.triggerPrice?.raw, !working.triggered else { return }
    let side = working.order.side
    let open = range.open(for: side)
    let price: Int64
    if reached(trigger, open, side) {
      price = open
    } else if reached(trigger, side == .buy ? range.high : range.low, side) {
      price = trigger
    } else {
      return
    }
    working.triggered = true
    if case .stopLimit(_, let limit) = working.order.type {
      do throws(OrderTransitionError) {
        try working.order.apply(.triggered, at: now)
      } catch {
        finish(&working, at: now, sink: sink) { order in
          sink.venueRejected(order, reason: "illegal order transition on trigger")
        }
        return
      }
      sink.venueTriggered(working.order)
      working.limit = limit.raw
      working.arrival = now + 1  // rests from the next event: the range's order is unknown
      if crosses(limit.raw, price, side) {
        take(&working, price: price, limit: limit.raw, at: now, sink: sink)
      }
      if !working.closed { working.queueAhead = queueAhead(for: working) }
    } else {
      take(&working, price: price, limit: nil, at: now, sink: sink)
    }
  }

  /// Resting limit orders of one side against the event, best price first, oldest first.
  private func matchBook(
    _ index: Int, side: OrderSide, range: EventRange, at now: Int64, sink: some VenueSink
  ) {
    let tick = instruments[index].tickSize.raw
    var level = Int64.min
    var levelLeft: Int64 = 0
    var position = 0
    while position < (side == .buy ? books[index].bids.count : books[index].asks.count) {
      guard books[index].budget(side) > 0 else { return }
      let place = OrderPlace(
        instrument: index, list: side == .buy ? .bids : .asks, index: position)
      var working = self[place]
      position += 1
      if working.closed || working.arrival > now { continue }
      let limit = working.limit
      // The book is sorted best first: once an order is out of the event's reach, so is the rest.
      if range.traded {
        if !touches(limit, range, side) { return }
      } else if !crosses(limit, side == .buy ? range.openBuy : range.openSell, side),
        side == .buy ? limit < range.openSell : limit > range.openBuy
      {
        return
      }
      if limit != level {
        level = limit
        levelLeft =
          range.traded && touches(limit, range, side) && range.trades(against: side)
          ? levelVolume(range, tick) : 0
      }
      var fillPrice: Int64
      var reason: FillReason
      var most = working.fillable
      if !range.traded {
        // A quote: the other side reaching the limit fills it; the own side only moves the queue.
        let other = side == .buy ? range.openBuy : range.openSell
        if crosses(limit, other, side) {
          fillPrice = limit
          reason = .cross
        } else {
          let own = side == .buy ? range.openSell : range.openBuy
          let size = side == .buy ? books[index].bidSize : books[index].askSize
          if configuration.queuePosition, own == limit, size > 0 {
            working.queueAhead = min(working.queueAhead, size)
            self[place] = working
          }
          continue
        }
      } else if crosses(limit, range.open(for: side), side)
        && range.open(for: side) != limit
      {
        fillPrice = range.open(for: side)
        reason = .cross
      } else if strictlyThrough(limit, range, side) {
        fillPrice = limit
        reason = .cross
      } else if touches(limit, range, side) {
        fillPrice = limit
        if configuration.queuePosition {
          let consumed = min(working.queueAhead, levelLeft)
          working.queueAhead -= consumed
          levelLeft -= consumed
          if working.queueAhead > 0 || levelLeft <= 0 {
            self[place] = working
            continue
          }
          most = min(most, levelLeft)
          reason = .queueReached
        } else {
          guard range.trades(against: side) else { continue }
          reason = .touch
        }
      } else {
        continue
      }
      let budget = books[index].budget(side)
      let quantity = min(most, budget)
      if quantity < working.fillable, budget < most { reason = .volumeCap }
      if reason == .queueReached { levelLeft -= quantity }
      self[place].closed = true  // taken out while it is worked
      fill(
        &working, quantity: quantity, price: fillPrice, liquidity: .maker, reason: reason,
        external: true, at: now, sink: sink)
      self[place] = working
    }
  }

  /// The volume the queue model takes as traded at one price level of the range.
  @inline(__always)
  private func levelVolume(_ range: EventRange, _ tick: Int64) -> Int64 {
    range.low == range.high ? range.volume : range.levelVolume(tick: tick)
  }

  /// Whether a traded range reached `limit` exactly at its edge (a touch, not through).
  @inline(__always)
  func touches(_ limit: Int64, _ range: EventRange, _ side: OrderSide) -> Bool {
    side == .buy ? range.low <= limit : range.high >= limit
  }

  /// Whether a traded range went past `limit` (every order at the limit filled).
  @inline(__always)
  func strictlyThrough(_ limit: Int64, _ range: EventRange, _ side: OrderSide) -> Bool {
    side == .buy ? range.low < limit : range.high > limit
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

  /// The volume ahead of an order joining the book at its limit (queue model): the displayed
  /// size when it joins at the touch, nothing when it improves on it, else the last event's
  /// volume per price level; plus the simulator's own orders already resting at that price.
  func queueAhead(for working: WorkingOrder) -> Int64 {
    guard configuration.queuePosition else { return 0 }
    let book = books[Int(working.order.instrument)]
    let side = working.order.side
    let touch = side == .buy ? book.reference.sell : book.reference.buy
    let size = side == .buy ? book.bidSize : book.askSize
    let own = book.restingQuantity(side, at: working.limit)
    if size > 0, touch == working.limit { return size + own }
    if book.reference.isKnown, side == .buy ? working.limit > touch : working.limit < touch {
      return own
    }
    return (size > 0 ? size : book.levelVolume) + own
  }
}
