import TradingModel

/// Where an open order is: its instrument's book, which list, and the index in it.
struct OrderPlace {
  enum List { case pending, bids, asks }
  var instrument: Int
  var list: List
  var index: Int
}

/// An order that closed, for its children's links.
struct ClosedOrder {
  var id: ClientOrderID
  var slot: SlotID
  var filled: Int64
  var quantity: Int64
}

/// What an order's parent link finds.
enum ParentState {
  /// No parent.
  case none
  /// The parent is open: the child waits.
  case open
  /// The parent closed having filled this much (raw, > 0): the child works for at most that.
  case closed(filled: Int64)
  /// The child is refused, for the reason given.
  case unknown(StaticString)
}

extension SimulatedVenue {
  subscript(place: OrderPlace) -> WorkingOrder {
    get {
      switch place.list {
      case .pending: books[place.instrument].pending[place.index]
      case .bids: books[place.instrument].bids[place.index]
      case .asks: books[place.instrument].asks[place.index]
      }
    }
    set {
      switch place.list {
      case .pending: books[place.instrument].pending[place.index] = newValue
      case .bids: books[place.instrument].bids[place.index] = newValue
      case .asks: books[place.instrument].asks[place.index] = newValue
      }
    }
  }

  /// Where the open order `id` is, or `nil`.
  func locate(_ id: ClientOrderID) -> OrderPlace? {
    for instrument in books.indices {
      if let index = books[instrument].pending.firstIndex(where: {
        !$0.closed && $0.order.clientOrderID == id
      }) {
        return OrderPlace(instrument: instrument, list: .pending, index: index)
      }
      if let index = books[instrument].bids.firstIndex(where: {
        !$0.closed && $0.order.clientOrderID == id
      }) {
        return OrderPlace(instrument: instrument, list: .bids, index: index)
      }
      if let index = books[instrument].asks.firstIndex(where: {
        !$0.closed && $0.order.clientOrderID == id
      }) {
        return OrderPlace(instrument: instrument, list: .asks, index: index)
      }
    }
    return nil
  }

  /// Closes the open order at `place` with `body` (a cancel, an expiry), then carries out its
  /// links. The order stays in its list marked closed until the list is compacted.
  func close(
    _ place: OrderPlace, at now: Int64, sink: some VenueSink, _ body: (inout Order) -> Void
  ) {
    var working = self[place]
    body(&working.order)
    working.closed = true
    self[place] = working
    closed(working, at: now, sink: sink)
  }

  /// Bookkeeping once `working` closed: the open count, the closed ring, its OCO partner
  /// (cancelled) and its children (working, or cancelled when it filled nothing).
  func closed(_ working: WorkingOrder, at now: Int64, sink: some VenueSink) {
    openCount -= 1
    let order = working.order
    if order.timeInForce == .day { dayOrders -= 1 }
    closedRing[closedNext] = ClosedOrder(
      id: order.clientOrderID, slot: order.slot, filled: order.filledQuantity.raw,
      quantity: order.quantity.raw)
    closedNext = (closedNext + 1) % closedRing.count
    if order.ocoOrderID != 0 { cancelPartner(of: order, at: now, sink: sink) }
    releaseChildren(of: order, at: now, sink: sink)
  }

  /// Cancels the open OCO partner of `order`, if any.
  func cancelPartner(of order: Order, at now: Int64, sink: some VenueSink) {
    guard let place = locate(order.ocoOrderID), self[place].order.slot == order.slot else {
      return
    }
    close(place, at: now, sink: sink) { partner in
      cancel(&partner, reason: "cancelled: its OCO partner filled or closed", at: now, sink: sink)
    }
  }

  /// Lets the children waiting for `parent` work (for at most what it filled), or cancels them
  /// when it closed unfilled. Released children arrive at `now`: they take part from the next
  /// event of their instrument.
  func releaseChildren(of parent: Order, at now: Int64, sink: some VenueSink) {
    let filled = parent.filledQuantity.raw
    for instrument in books.indices {
      var index = 0
      while index < books[instrument].pending.count {
        let child = books[instrument].pending[index]
        if child.closed || !child.waitingForParent
          || child.order.parentOrderID != parent.clientOrderID
          || child.order.slot != parent.slot
        {
          index += 1
          continue
        }
        if filled > 0 {
          books[instrument].pending[index].waitingForParent = false
          books[instrument].pending[index].fillCap = min(child.fillCap, filled)
          books[instrument].pending[index].arrival = now
        } else {
          close(OrderPlace(instrument: instrument, list: .pending, index: index), at: now, sink: sink) {
            order in
            cancel(&order, reason: "cancelled: its parent order closed unfilled", at: now, sink: sink)
          }
        }
        index += 1
      }
    }
  }

  /// What `order`'s parent link finds: open, closed having filled, or refused.
  func parent(of order: Order) -> ParentState {
    if let place = locate(order.parentOrderID) {
      return self[place].order.slot == order.slot
        ? .open : .unknown("the parent order belongs to another slot")
    }
    for closed in closedRing where closed.id == order.parentOrderID && closed.id != 0 {
      guard closed.slot == order.slot else {
        return .unknown("the parent order belongs to another slot")
      }
      return closed.filled > 0
        ? .closed(filled: closed.filled) : .unknown("the parent order closed unfilled")
    }
    return .unknown("the parent order is not known to the venue")
  }

  /// Links `order` and its OCO partner both ways; `false` when the partner is not an open order
  /// of the same slot.
  func link(_ order: Order) -> Bool {
    guard let place = locate(order.ocoOrderID), self[place].order.slot == order.slot else {
      return false
    }
    var partner = self[place]
    partner.order.ocoOrderID = order.clientOrderID
    self[place] = partner
    return true
  }

  /// Undoes `link` for an order that was not accepted after all.
  func unlink(_ order: Order) {
    guard order.ocoOrderID != 0, let place = locate(order.ocoOrderID) else { return }
    var partner = self[place]
    if partner.order.ocoOrderID == order.clientOrderID { partner.order.ocoOrderID = 0 }
    self[place] = partner
  }
}
