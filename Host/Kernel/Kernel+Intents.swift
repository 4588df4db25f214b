import CTradeHostPlugin
import Store
import TradingModel

extension Kernel {
  /// A plugin's intent as an order, every number checked against the instrument: NaN,
  /// infinities, signs, ticks, lots and precision are refused with a reason, never rounded.
  func convert(_ intent: th_order_intent, id: ClientOrderID, slot: Int, now: Int64) -> Result<
    Order, DenialReason
  > {
    guard Int(intent.instrument_id) < configuration.instruments.count else {
      return .failure(.unknownInstrument)
    }
    let instrument = configuration.instruments[Int(intent.instrument_id)]
    let side: OrderSide
    switch intent.side {
    case th_side(TH_SIDE_BUY): side = .buy
    case th_side(TH_SIDE_SELL): side = .sell
    default: return .failure(.invalidSide)
    }
    let timeInForce: TimeInForce
    switch intent.time_in_force {
    case th_time_in_force(TH_TIF_GTC): timeInForce = .gtc
    case th_time_in_force(TH_TIF_IOC): timeInForce = .ioc
    case th_time_in_force(TH_TIF_FOK): timeInForce = .fok
    case th_time_in_force(TH_TIF_DAY): timeInForce = .day
    default: return .failure(.invalidTimeInForce)
    }
    let quantity: Quantity
    switch instrument.quantity(fromDouble: intent.quantity) {
    case .success(let value): quantity = value
    case .failure(let error): return .failure(Self.quantityReason(error))
    }
    let type: OrderType
    switch intent.type {
    case th_order_type(TH_ORDER_MARKET):
      type = .market
    case th_order_type(TH_ORDER_LIMIT):
      switch instrument.price(fromDouble: intent.limit_price) {
      case .success(let limit): type = .limit(limit)
      case .failure(let error): return .failure(Self.priceReason(error))
      }
    case th_order_type(TH_ORDER_STOP):
      switch instrument.price(fromDouble: intent.stop_price) {
      case .success(let trigger): type = .stop(trigger: trigger)
      case .failure(let error): return .failure(Self.priceReason(error))
      }
    case th_order_type(TH_ORDER_STOP_LIMIT):
      let trigger: Price
      switch instrument.price(fromDouble: intent.stop_price) {
      case .success(let value): trigger = value
      case .failure(let error): return .failure(Self.priceReason(error))
      }
      switch instrument.price(fromDouble: intent.limit_price) {
      case .success(let limit): type = .stopLimit(trigger: trigger, limit: limit)
      case .failure(let error): return .failure(Self.priceReason(error))
      }
    default:
      return .failure(.invalidOrderType)
    }
    var order = Order(
      clientOrderID: id, slot: slot, instrument: instrument.id, side: side, quantity: quantity,
      type: type, timeInForce: timeInForce,
      reduceOnly: intent.flags & UInt32(TH_ORDER_FLAG_REDUCE_ONLY) != 0, createdAt: now)
    order.clientTag = intent.client_tag
    order.postOnly = intent.flags & UInt32(TH_ORDER_FLAG_POST_ONLY) != 0
    order.parentOrderID = intent.parent_order_id
    order.ocoOrderID = intent.oco_order_id
    return .success(order)
  }

  /// Sends an approved order to its instrument's venue: the one path every order takes after the
  /// checks (strategy intents and the flatten on stop). Answers `nil` when it was sent, or why
  /// it was not (nothing was sent then): the venue does not take what the order needs, or the
  /// order could not be marked submitted (it was not fresh: a gate handed back an order that
  /// already went through its lifecycle).
  @discardableResult
  func route(_ order: Order, at now: Int64, immediate: Bool = false) -> DenialReason? {
    var order = order
    let venueIndex = venueOfInstrument[Int(order.instrument)]
    let venue = venues[venueIndex]
    if let refusal = venue.capabilities.refusal(of: order) { return Self.reason(refusal) }
    do throws(OrderTransitionError) {
      try order.apply(.submitted, at: now)
    } catch {
      return .notSubmittable
    }
    if let journal {
      // Write-ahead: the order is journaled before its venue sees it; a venue outside the
      // process gets it only once the record is durable.
      let sequence = journal.record(.order(OrderRecord(order, time: now)))
      if !venue.isInProcess, !journal.awaitDurable(sequence) { return .journalUnavailable }
    }
    counters.orders += 1
    activity.record(OrderRecord(order, time: now))
    slots[order.slot].ordersSubmitted += 1
    accountGuard.routed(&order, price: accountPrice(order))
    gate.orderRouted(order)
    stampVenueCall(venueIndex, .venueSubmit)
    venue.submit(order, at: now, immediate: immediate, sink: self)
    callStamps.endVenue()
    return nil
  }

  /// The denial of a venue's refusal.
  static func reason(_ refusal: VenueRefusal) -> DenialReason {
    switch refusal {
    case .orderType: .venueOrderType
    case .timeInForce: .venueTimeInForce
    case .reduceOnly: .venueReduceOnly
    case .postOnly: .venuePostOnly
    case .linkedOrder: .venueLinkedOrder
    }
  }

  static func quantityReason(_ error: ConversionError) -> DenialReason {
    switch error {
    case .notANumber, .infinite: .quantityNotFinite
    case .negative, .zero: .quantityNotPositive
    case .outOfRange: .quantityOutOfRange
    case .offLot, .offTick, .tooPrecise: .quantityOffLot
    }
  }

  static func priceReason(_ error: ConversionError) -> DenialReason {
    switch error {
    case .notANumber, .infinite: .priceNotFinite
    case .negative, .zero: .priceNotPositive
    case .outOfRange: .priceOutOfRange
    case .offTick, .offLot, .tooPrecise: .priceOffTick
    }
  }

  /// Refuses an intent: counted, journaled, and a `TH_EVENT_DENIED` event with the reason is
  /// queued for the slot (delivered after the current callback returns).
  func deny(intent: th_order_intent, id: ClientOrderID, slot: Int, reason: DenialReason, now: Int64)
  {
    counters.denials += 1
    slots[slot].denials += 1
    let bucket = Int(UInt8(clamping: reason.code))
    denialCounts[bucket] += 1
    slots[slot].denialCounts[bucket] += 1
    if denialReasons[bucket] == nil { denialReasons[bucket] = reason }
    journal?.record(
      .orderEvent(
        OrderEventRecord(
          time: now, clientOrderID: id, slot: slot, kind: .denied,
          leavesQuantity: Quantity(raw: 0, precision: 0), reasonCode: reason.code)))
    denialJournal.append(
      DenialRecord(
        time: now, slot: slot, instrument: intent.instrument_id, clientOrderID: id,
        code: reason.code))
    var event = th_order_event()
    event.struct_size = UInt32(MemoryLayout<th_order_event>.size)
    event.type = th_order_event_type(TH_EVENT_DENIED)
    event.client_order_id = id
    event.client_tag = intent.client_tag
    event.instrument_id = intent.instrument_id
    event.side = intent.side
    event.ts_event = now
    event.leaves_quantity = 0
    event.reason_code = reason.code
    event.reason = reason.text.cString
    enqueue(PendingOrderEvent(slot: slot, event: event))
  }
}

extension Kernel {
  /// The reason of a denial code seen in this run (journal readers).
  public func denialReason(code: Int32) -> DenialReason? {
    denialReasons[Int(UInt8(clamping: code))]
  }

  /// The denials of the run by reason, in code order (reports).
  public var denialsByReason: [(reason: DenialReason, count: Int)] {
    denialCounts.indices.compactMap { code in
      guard denialCounts[code] > 0, let reason = denialReasons[code] else { return nil }
      return (reason, denialCounts[code])
    }
  }
}
