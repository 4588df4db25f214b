import TradingModel

/// The one matching engine: the backtest and paper venue, and the tests'. It keeps a limit order
/// book per instrument (price-time priority) and matches the kernel's orders against the market
/// events it is shown (bars, quotes, trades), under the run's `ExecutionConfiguration`.
///
/// Rules (documented in `docs/venues.md` and `docs/backtesting.md`):
/// - An order arrives after its latency (none by default). In `.close` timing without latency it
///   is processed on submission against the current price (a bar's close, a quote's ask / bid);
///   otherwise at the first event of its instrument at or after its arrival, at that event's
///   first price (a bar's open, a quote's side, a trade's price).
/// - On arrival: a market order takes liquidity (reason `cross`), first from the book's resting
///   orders of other slots priced at or better than the market, then from the market, plus
///   slippage and impact; a limit order that crosses does the same up to its limit, else it rests
///   in the book (a post-only order that would cross is cancelled instead); a stop waits for its
///   trigger, then works as a market (stop) or limit (stop-limit) order.
/// - A resting limit fills when the market gaps or trades through its price (`cross`, at the open
///   or at the limit), or when the market trades at its price: at once (`touch`) without the
///   queue model, or once the volume ahead of it has traded (`queueReached`) with it.
/// - Fills are bounded by the event's volume times the participation cap (and, with a cap, by a
///   quote's displayed size); a resting limit keeps working for the rest (`volumeCap`), a market
///   order (or triggered stop) has the rest cancelled, as a venue expires a market order it runs
///   out of liquidity for (so a strategy that resubmits cannot pile up working market orders). IOC cancels what it
///   could not fill on arrival; FOK fills in full on arrival or not at all. DAY orders expire at
///   the first event of a later UTC day. Reduce-only orders fill only what reduces the position.
/// - Links: an order with a parent works once its parent has filled (for the filled part when
///   the parent closed partly filled; cancelled when it closed unfilled); the first fill of an
///   OCO order cancels its partner.
/// - Venue rules: a client order id seen before gets its first answer again and no second order;
///   a submission past the order-rate limit or a full order table is rejected with the reason;
///   orders of one slot never match each other (self-trade prevention).
///
/// Kernel-thread only. No allocation per event once the lists have their capacity; with the
/// peers' settings (`.close`, no latency) a market order fills on submission and never rests.
public final class SimulatedVenue {
  /// The run's assumptions.
  public let configuration: ExecutionConfiguration
  let instruments: [Instrument]
  var books: [InstrumentBook]
  /// The most orders that may be open at once; more are rejected.
  public let capacity: Int
  var openCount = 0
  /// Open DAY orders (the expiry pass runs only when there are some).
  var dayOrders = 0
  var nextTradeID: UInt64 = 1
  var random: SplitMix64
  var rateWindow: OrderRateWindow?
  /// The first answer per client order id, for the last `capacity` submissions.
  var results: [ClientOrderID: SubmitResult] = [:]
  var resultRing: [ClientOrderID]
  var resultNext = 0
  /// The last `capacity` orders that closed (for parent links): id, slot, filled, quantity.
  var closedRing: [ClosedOrder]
  var closedNext = 0
  /// Set while an `immediate` order is processed: the flatten at the end of a run is not
  /// bounded by the last event's volume.
  var ignoresBudget = false
  /// Notional traded by the whole venue over the fee tiers' window, whole currency units.
  var tradedVolume: TradedVolumeWindow
  /// Fills per `FillReason.rawValue`.
  public internal(set) var fillCounts: [Int] = Array(repeating: 0, count: FillReason.allCases.count)
  /// Whether every fill is kept in `fillLog` (for `--fills-csv`; allocates as it grows).
  public var recordsFills = false
  /// Every fill with its reason, when `recordsFills` is on.
  public internal(set) var fillLog: [FillRecord] = []

  /// A venue for `instruments` (indexed by `InstrumentID`).
  public init(
    instruments: [Instrument], configuration: ExecutionConfiguration, capacity: Int = 4096
  ) {
    self.instruments = instruments
    self.configuration = configuration
    self.capacity = capacity
    books = Array(repeating: InstrumentBook(), count: instruments.count)
    random = SplitMix64(seed: configuration.seed)
    rateWindow = configuration.rateLimit.map(OrderRateWindow.init)
    tradedVolume = TradedVolumeWindow(days: configuration.fees.windowDays)
    results.reserveCapacity(capacity + 1)
    resultRing = Array(repeating: 0, count: max(1, capacity))
    closedRing = Array(
      repeating: ClosedOrder(id: 0, slot: -1, filled: 0, quantity: 0), count: max(1, capacity))
    for index in books.indices {
      books[index].pending.reserveCapacity(16)
      books[index].bids.reserveCapacity(16)
      books[index].asks.reserveCapacity(16)
    }
  }

  /// Orders open now (resting, in flight, waiting).
  public var restingCount: Int { openCount }

  /// Whether a market order for `instrument` could be priced now (a price has been seen).
  public func hasReference(_ instrument: InstrumentID) -> Bool {
    books[Int(instrument)].reference.isKnown
  }

  /// The open orders, in submission order (reports, tests).
  public var restingOrders: [Order] {
    var orders: [Order] = []
    for book in books {
      for list in [book.pending, book.bids, book.asks] {
        for working in list where !working.closed { orders.append(working.order) }
      }
    }
    return orders.sorted { $0.clientOrderID < $1.clientOrderID }
  }

  /// The resting limit orders of `instrument` on `side`, best first (tests, reports).
  public func book(_ instrument: InstrumentID, side: OrderSide) -> [Order] {
    let list = side == .buy ? books[Int(instrument)].bids : books[Int(instrument)].asks
    return list.filter { !$0.closed }.map(\.order)
  }

  /// The number of fills for `reason`.
  public func fills(_ reason: FillReason) -> Int { fillCounts[reason.rawValue] }

  /// [kernel-thread] Takes a submitted order and answers it: accepts it (then fills, rests or
  /// cancels it per the rules above) or rejects it. A client order id answered before gets that
  /// first answer again and nothing else happens.
  ///
  /// `immediate` processes the order now at the current price whatever the timing and latency
  /// (the flatten when a run stops, when no next event will come).
  @discardableResult
  public func place(
    _ order: Order, at now: Int64, immediate: Bool = false, sink: some VenueSink
  ) -> SubmitResult {
    if let first = results[order.clientOrderID] { return first }
    let result = admit(order, at: now, immediate: immediate, sink: sink)
    remember(order.clientOrderID, result)
    return result
  }

  private func admit(
    _ order: Order, at now: Int64, immediate: Bool, sink: some VenueSink
  ) -> SubmitResult {
    var order = order
    if let reason = refusal(of: order, at: now) {
      sink.venueRejected(order, reason: reason)
      return .rejected(reason)
    }
    var parentState = ParentState.none
    if order.parentOrderID != 0 {
      parentState = parent(of: order)
      if case .unknown(let reason) = parentState {
        sink.venueRejected(order, reason: reason)
        return .rejected(reason)
      }
    }
    if order.ocoOrderID != 0, !link(order) {
      let reason: StaticString = "the OCO partner is not an open order of this slot"
      sink.venueRejected(order, reason: reason)
      return .rejected(reason)
    }
    do throws(OrderTransitionError) {
      try order.apply(.accepted, at: now)
    } catch {
      unlink(order)
      sink.venueRejected(order, reason: "illegal order transition on accept")
      return .rejected("illegal order transition on accept")
    }
    sink.venueAccepted(order)
    openCount += 1
    if order.timeInForce == .day { dayOrders += 1 }
    let index = Int(order.instrument)
    let immediateNow = immediate || configuration.fillsOnSubmit
    var working = WorkingOrder(
      order, arrival: immediateNow ? now : now + configuration.latency.delay(&random),
      arrived: false)
    switch parentState {
    case .open:
      working.waitingForParent = true
      books[index].pending.append(working)
      return .accepted
    case .closed(let filled):
      working.fillCap = min(working.fillCap, filled)
    case .none, .unknown:
      break
    }
    if immediateNow, books[index].reference.isKnown {
      let range = EventRange(reference: books[index].reference)
      ignoresBudget = immediate
      arrive(&working, range: range, at: now, sink: sink)
      ignoresBudget = false
      if !working.closed { park(working) }
    } else {
      if immediateNow { working.arrival = now }
      books[index].pending.append(working)
    }
    books[index].compact()
    return .accepted
  }

  /// Why the venue refuses `order` before accepting it, or `nil`.
  private func refusal(of order: Order, at now: Int64) -> StaticString? {
    guard openCount < capacity else { return "the simulated venue's order table is full" }
    if order.postOnly, order.type.limitPrice == nil || order.type.triggerPrice != nil {
      return "post-only needs a limit order"
    }
    if rateWindow != nil, !rateWindow!.admit(at: now) {
      return "order rate limit exceeded: too many orders in the window"
    }
    return nil
  }

  /// Puts an arrived order that is still open where it works: the book (limit orders, and
  /// triggered stop-limits) or `pending` (market orders still working, stops).
  func park(_ working: WorkingOrder) {
    let index = Int(working.order.instrument)
    if working.limit != 0, working.order.type.limitPrice != nil,
      working.order.type.triggerPrice == nil || working.triggered
    {
      books[index].insert(working)
    } else {
      books[index].pending.append(working)
    }
  }

  private func remember(_ id: ClientOrderID, _ result: SubmitResult) {
    let old = resultRing[resultNext]
    if old != 0, results.count >= resultRing.count { results[old] = nil }
    resultRing[resultNext] = id
    resultNext = (resultNext + 1) % resultRing.count
    results[id] = result
  }

  /// [kernel-thread] Cancels an open order; `false` when no such order is open.
  public func cancel(
    _ clientOrderID: ClientOrderID, at now: Int64, sink: some VenueSink
  ) -> Bool {
    guard let place = locate(clientOrderID) else { return false }
    close(place, at: now, sink: sink) { order in
      cancel(&order, reason: "cancelled on request", at: now, sink: sink)
    }
    books[place.instrument].compact()
    return true
  }

  /// [kernel-thread] Cancels every open order, in submission order.
  public func cancelAll(at now: Int64, sink: some VenueSink) {
    cancelAll(
      slot: nil, instrument: nil, reason: "cancelled: the run is stopping", at: now,
      sink: sink)
  }

  /// [kernel-thread] Cancels the open orders of `slot` (every slot when `nil`) in `instrument`
  /// (every instrument when `nil`), in submission order; returns how many.
  @discardableResult
  public func cancelAll(
    slot: SlotID?, instrument: InstrumentID?, reason: StaticString, at now: Int64,
    sink: some VenueSink
  ) -> Int {
    var ids: [ClientOrderID] = []
    for order in restingOrders {
      if let slot, order.slot != slot { continue }
      if let instrument, order.instrument != instrument { continue }
      ids.append(order.clientOrderID)
    }
    var cancelled = 0
    for id in ids {
      guard let place = locate(id) else { continue }  // a link closed it meanwhile
      close(place, at: now, sink: sink) { order in
        cancel(&order, reason: reason, at: now, sink: sink)
      }
      books[place.instrument].compact()
      cancelled += 1
    }
    return cancelled
  }

  /// The slot of an open order, or `nil` when no such order is open.
  public func restingOrderSlot(_ clientOrderID: ClientOrderID) -> SlotID? {
    locate(clientOrderID).map { self[$0].order.slot }
  }
}
