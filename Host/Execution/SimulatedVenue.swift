import TradingModel

/// The backtest and paper venue: accepts orders, fills them against the market events the kernel
/// shows it, and charges fees. No order book: every fill takes the order's whole remaining
/// quantity (no volume limit; the full matching engine is its own issue).
///
/// Fill rules (documented in `docs/backtesting.md`):
/// - Market: `.close` timing fills at once at the current reference (a bar's close, a quote's
///   ask / bid) plus slippage; `.nextOpen` rests and fills at the instrument's next event (a bar's
///   open) plus slippage. Taker fee.
/// - Limit: marketable on arrival (a buy at or above the reference) fills like a market order in
///   `.close` timing at the reference, taker; otherwise it rests. A resting buy fills at the open
///   when the open is at or below the limit, else at the limit when the low touches it; maker.
/// - Stop: triggers when the open gaps through the stop (fills at the open) or the range reaches
///   it (fills at the stop), plus slippage; taker. Stop-limit: triggers the same way and then fills
///   at the trigger price when the limit allows, or rests as a limit.
/// - IOC and FOK fill at their first evaluation or are cancelled (no partial fills, so FOK acts as
///   IOC). DAY orders expire at the first event of a later UTC day.
///
/// Kernel-thread only; no allocation per event once the resting table has its capacity.
public final class SimulatedVenue {
  /// The run's assumptions.
  public let configuration: ExecutionConfiguration
  let instruments: [Instrument]
  var references: [ReferencePrices]
  var resting: [Order] = []
  /// The most orders that may rest at once (the kernel denies more).
  public let capacity: Int
  var nextTradeID: UInt64 = 1

  /// A venue for `instruments` (indexed by `InstrumentID`).
  public init(
    instruments: [Instrument], configuration: ExecutionConfiguration, capacity: Int = 4096
  ) {
    self.instruments = instruments
    self.configuration = configuration
    self.capacity = capacity
    references = Array(repeating: ReferencePrices(), count: instruments.count)
    resting.reserveCapacity(capacity)
  }

  /// Orders resting now.
  public var restingCount: Int { resting.count }

  /// Whether a market order for `instrument` could be priced now (a price has been seen).
  public func hasReference(_ instrument: InstrumentID) -> Bool {
    references[Int(instrument)].isKnown
  }

  /// The resting orders (reports, tests).
  public var restingOrders: [Order] { resting }

  /// [kernel-thread] Takes a submitted order: accepts it, then fills it at once, rests it or
  /// cancels it (an IOC that cannot fill) per the rules above.
  ///
  /// `immediate` fills a market order at the current reference whatever the timing (used to
  /// flatten positions when a run stops, when no next event will come).
  public func submit(
    _ order: Order, at now: Int64, immediate: Bool = false, sink: some VenueSink
  ) {
    var order = order
    guard resting.count < capacity else {
      sink.venueRejected(order, reason: "the simulated venue's order table is full")
      return
    }
    do throws(OrderTransitionError) {
      try order.apply(.accepted, at: now)
    } catch {
      sink.venueRejected(order, reason: "illegal order transition on accept")
      return
    }
    sink.venueAccepted(order)
    let reference = references[Int(order.instrument)]
    if configuration.marketFill == .close || immediate, reference.isKnown,
      let (price, liquidity) = immediateFill(order, reference: reference)
    {
      fill(&order, price: price, liquidity: liquidity, at: now, sink: sink)
      return
    }
    if configuration.marketFill == .close || immediate,
      order.timeInForce == .ioc || order.timeInForce == .fok
    {
      cancel(&order, reason: "IOC/FOK order could not fill at once", at: now, sink: sink)
      return
    }
    resting.append(order)
  }

  /// [kernel-thread] Cancels a resting order; `false` when no such order rests.
  public func cancel(
    _ clientOrderID: ClientOrderID, at now: Int64, sink: some VenueSink
  ) -> Bool {
    guard let index = resting.firstIndex(where: { $0.clientOrderID == clientOrderID }) else {
      return false
    }
    var order = resting.remove(at: index)
    cancel(&order, reason: "cancelled on request", at: now, sink: sink)
    return true
  }

  /// [kernel-thread] Matches resting orders of the event's instrument against it, in submission
  /// order, then updates the instrument's reference prices. Call before strategies see the event.
  public func match(_ event: MarketEvent, sink: some VenueSink) {
    let instrument = Int(event.instrument)
    if !resting.isEmpty {
      let range = EventRange(event)
      let now = event.timestamp
      var index = 0
      while index < resting.count {
        guard resting[index].instrument == event.instrument else {
          index += 1
          continue
        }
        if resting[index].timeInForce == .day,
          UTCDay.of(resting[index].createdAt) < UTCDay.of(now)
        {
          var order = resting.remove(at: index)
          expire(&order, at: now, sink: sink)
          continue
        }
        if evaluate(index, range: range, at: now, sink: sink) {
          continue  // the order left the table
        }
        if resting[index].timeInForce == .ioc || resting[index].timeInForce == .fok {
          var order = resting.remove(at: index)
          cancel(
            &order, reason: "IOC/FOK order could not fill at once", at: now, sink: sink)
          continue
        }
        index += 1
      }
    }
    references[instrument].update(with: event)
  }

}

extension SimulatedVenue {
  /// The slot of a resting order, or `nil` when no such order rests.
  public func restingOrderSlot(_ clientOrderID: ClientOrderID) -> SlotID? {
    resting.first(where: { $0.clientOrderID == clientOrderID })?.slot
  }
}

extension SimulatedVenue {
  /// [kernel-thread] Cancels every resting order, in submission order.
  public func cancelAll(at now: Int64, sink: some VenueSink) {
    cancelAll(
      slot: nil, instrument: nil, reason: "cancelled: the run is stopping", at: now,
      sink: sink)
  }

  /// [kernel-thread] Cancels the resting orders of `slot` (every slot when `nil`) in
  /// `instrument` (every instrument when `nil`), in submission order; returns how many.
  @discardableResult
  public func cancelAll(
    slot: SlotID?, instrument: InstrumentID?, reason: StaticString, at now: Int64,
    sink: some VenueSink
  ) -> Int {
    var cancelled = 0
    var index = 0
    while index < resting.count {
      let order = resting[index]
      if let slot, order.slot != slot {
        index += 1
        continue
      }
      if let instrument, order.instrument != instrument {
        index += 1
        continue
      }
      var removed = resting.remove(at: index)
      cancel(&removed, reason: reason, at: now, sink: sink)
      cancelled += 1
    }
    return cancelled
  }
}
