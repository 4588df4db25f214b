import PluginKit

/// The simulated venue's state: the session, one market per instrument, open orders, cash and
/// positions. Each operation returns the events it causes, in order; `SimExchange` keeps the value
/// behind a lock and hands the events to the host.
///
/// Rules (kept simple on purpose; the full matching engine is a later issue):
/// - Bars close on multiples of the bar interval since the epoch. An instrument's first bar is
///   the first boundary after the first `advance` that follows its subscription; `advance(to:)`
///   emits every bar whose close is at or before `now`, in time order across instruments.
/// - Market orders fill completely at the instrument's last price (the last close, or the start
///   price before the first bar). A limit order that is marketable on arrival (buy at or above the
///   last price, sell at or below) fills at the last price; otherwise an IOC or FOK one is
///   cancelled and a GTC one rests. A resting limit order fills completely on the first bar whose
///   range reaches it, at the limit or at the bar's open when the open is already better.
/// - Cash moves by the fill's notional (no fees, no margin checks: the host's risk gate owns
///   limits); positions are signed with the average price of the open quantity. The available
///   balance is cash not reserved by open buy orders.
/// - Every client order id is remembered, also of rejected orders: a repeat is a duplicate.
struct SimVenue: Sendable {
  /// The plugin's parameters.
  struct Settings: Sendable {
    var seed: UInt64
    var startPrice: Double
    var startingCash: Double
    var currency: String
    var model: SimMarket.Model
  }

  /// One instrument's market and its place in the bar schedule.
  private struct Feed: Sendable {
    var market: SimMarket
    /// Close time of the next bar; nil until the first `advance` after subscribing.
    var nextClose: Int64?
    var isSubscribed = true
  }

  /// An open position.
  private struct Holding: Sendable {
    var quantity = 0.0
    var averagePrice = 0.0
  }

  /// An order resting at the venue.
  private struct RestingOrder: Sendable {
    var order: VenueOrder
    var venueOrderID: String
  }

  let settings: Settings
  let capabilities: th_exchange_capabilities
  /// Bars `advance` emits at most in one call; beyond that the schedule skips ahead to `now`
  /// (a clock that jumps by years must not stall the kernel).
  let maxBarsPerAdvance = 1_000_000

  private(set) var isConnected = false
  /// The venue's time: the latest `now` it was advanced to.
  private(set) var clock: Int64 = 0
  private var feeds: [UInt32: Feed] = [:]
  private var resting: [UInt64: RestingOrder] = [:]
  private var seenOrderIDs: Set<UInt64> = []
  private var acceptedCount: UInt64 = 0
  private var cash: Double
  private var holdings: [UInt32: Holding] = [:]

  init(settings: Settings, capabilities: th_exchange_capabilities) {
    self.settings = settings
    self.capabilities = capabilities
    cash = settings.startingCash
  }

  // MARK: Session

  mutating func connect(at time: Int64) throws -> [SimEvent] {
    guard !isConnected else { throw PluginError.invalidState("SIM is already connected") }
    isConnected = true
    clock = max(clock, time)
    return [.connected(at: clock)]
  }

  mutating func disconnect(reason: String) -> [SimEvent] {
    guard isConnected else { return [] }
    isConnected = false
    return [.disconnected(at: clock, reason: reason)]
  }

  // MARK: Market data

  mutating func subscribe(symbol: String, instrumentID: UInt32, dataTypes: UInt32, grid: PriceGrid)
    throws
  {
    try requireConnection()
    guard dataTypes & ~capabilities.data_types == 0 else {
      throw PluginError.unsupported("SIM streams bars only (asked for data types \(dataTypes))")
    }
    guard dataTypes & UInt32(TH_DATA_BARS) != 0 else {
      throw PluginError.invalidArgument("SIM streams bars: subscribe with TH_DATA_BARS")
    }
    if var feed = feeds[instrumentID] {
      guard feed.market.symbol == symbol else {
        throw PluginError.invalidArgument(
          "instrument \(instrumentID) is \(feed.market.symbol) at SIM, not \(symbol)")
      }
      if !feed.isSubscribed {
        feed.isSubscribed = true
        feed.nextClose = nil
        feeds[instrumentID] = feed
      }
      return
    }
    let market = SimMarket(
      instrumentID: instrumentID, symbol: symbol, grid: grid, model: settings.model,
      seed: SimRandom.seed(settings.seed, symbol: symbol), startPrice: settings.startPrice)
    feeds[instrumentID] = Feed(market: market)
  }

  /// Stops the instrument's bars and cancels its open orders (nothing could fill them).
  mutating func unsubscribe(instrumentID: UInt32) throws -> [SimEvent] {
    try requireConnection()
    guard var feed = feeds[instrumentID], feed.isSubscribed else {
      throw PluginError.notFound("instrument \(instrumentID) is not subscribed at SIM")
    }
    feed.isSubscribed = false
    feed.nextClose = nil
    feeds[instrumentID] = feed
    return resting.keys.sorted().compactMap { id in
      guard let entry = resting[id], entry.order.instrumentID == instrumentID else { return nil }
      resting[id] = nil
      return .order(
        cancelled(entry.order, venueOrderID: entry.venueOrderID, note: "instrument unsubscribed"))
    }
  }

  /// Emits every bar that closed at or before `now` and fills the resting orders they reach.
  mutating func advance(to now: Int64) -> [SimEvent] {
    guard isConnected else { return [] }
    clock = max(clock, now)
    let interval = settings.model.barSeconds * 1_000_000_000
    for (id, feed) in feeds where feed.isSubscribed && feed.nextClose == nil {
      feeds[id]?.nextClose = Self.boundary(after: now, interval: interval)
    }
    var events: [SimEvent] = []
    var emitted = 0
    while let (id, close) = earliestDue(at: now), var feed = feeds[id] {
      guard emitted < maxBarsPerAdvance else {
        for (key, other) in feeds where other.isSubscribed {
          feeds[key]?.nextClose = Self.boundary(after: now, interval: interval)
        }
        break
      }
      let bar = feed.market.nextBar(closeTime: close)
      let (next, overflow) = close.addingReportingOverflow(interval)
      feed.nextClose = overflow ? Int64.max : next
      feeds[id] = feed
      events.append(.bar(bar))
      emitted += 1
      fillResting(instrumentID: id, against: bar, into: &events)
    }
    return events
  }

  /// The subscribed instrument with the earliest due bar (lowest id on ties), if any is due.
  private func earliestDue(at now: Int64) -> (UInt32, Int64)? {
    var best: (UInt32, Int64)?
    for (id, feed) in feeds where feed.isSubscribed {
      guard let close = feed.nextClose, close <= now else { continue }
      if let current = best, (current.1, current.0) <= (close, id) { continue }
      best = (id, close)
    }
    return best
  }

  /// The first multiple of `interval` strictly after `time` (Int64.max if there is none).
  static func boundary(after time: Int64, interval: Int64) -> Int64 {
    let quotient = time >= 0 ? time / interval : -((-(time + 1)) / interval) - 1
    let (product, overflow) = (quotient + 1).multipliedReportingOverflow(by: interval)
    return overflow ? Int64.max : product
  }

  // MARK: Orders

  mutating func submit(_ order: VenueOrder) throws -> [SimEvent] {
    try requireConnection()
    guard !seenOrderIDs.contains(order.clientOrderID) else {
      throw PluginError.duplicate("client order id \(order.clientOrderID) was already submitted")
    }
    seenOrderIDs.insert(order.clientOrderID)
    if let reason = refusal(of: order) {
      return [.order(rejected(order, reason: reason))]
    }
    guard let last = feeds[order.instrumentID]?.market.lastPrice else {
      return [.order(rejected(order, reason: .unknownInstrument))]
    }
    acceptedCount += 1
    let venueOrderID = "SIM-\(acceptedCount)"
    var events: [SimEvent] = [
      .order(
        SimOrderEvent(
          type: th_order_event_type(TH_EVENT_ACCEPTED), clientOrderID: order.clientOrderID,
          instrumentID: order.instrumentID, side: order.side, timestamp: clock,
          leavesQuantity: order.quantity, venueOrderID: venueOrderID))
    ]
    if order.type == th_order_type(TH_ORDER_MARKET) {
      events.append(fill(order, venueOrderID: venueOrderID, price: last, at: clock))
    } else if isMarketable(order, at: last) {
      events.append(fill(order, venueOrderID: venueOrderID, price: last, at: clock))
    } else if order.timeInForce != th_time_in_force(TH_TIF_GTC) {
      events.append(
        .order(cancelled(order, venueOrderID: venueOrderID, note: "limit order not marketable")))
    } else {
      resting[order.clientOrderID] = RestingOrder(order: order, venueOrderID: venueOrderID)
    }
    return events
  }

  mutating func cancel(clientOrderID: UInt64) throws -> [SimEvent] {
    try requireConnection()
    guard let entry = resting.removeValue(forKey: clientOrderID) else {
      throw PluginError.notFound("order \(clientOrderID) is not open at SIM")
    }
    return [
      .order(cancelled(entry.order, venueOrderID: entry.venueOrderID, note: "cancelled on request"))
    ]
  }

  /// Why the venue refuses `order`, or nil when it takes it.
  private func refusal(of order: VenueOrder) -> SimRejectReason? {
    guard order.orderSide == .buy || order.orderSide == .sell else { return .invalidSide }
    guard order.type < 32, capabilities.order_types & (1 << order.type) != 0 else {
      return .unsupportedOrderType
    }
    guard order.timeInForce < 32, capabilities.time_in_force & (1 << order.timeInForce) != 0 else {
      return .unsupportedTimeInForce
    }
    var honoured: UInt32 = 0
    if capabilities.features & UInt32(TH_EXCHANGE_REDUCE_ONLY) != 0 {
      honoured |= UInt32(TH_ORDER_FLAG_REDUCE_ONLY)
    }
    if capabilities.features & UInt32(TH_EXCHANGE_POST_ONLY) != 0 {
      honoured |= UInt32(TH_ORDER_FLAG_POST_ONLY)
    }
    guard order.flags & ~honoured == 0 else { return .unsupportedFlags }
    guard feeds[order.instrumentID]?.isSubscribed == true else { return .unknownInstrument }
    guard order.quantity > 0, order.quantity.isFinite else { return .invalidQuantity }
    if order.type == th_order_type(TH_ORDER_LIMIT) {
      guard order.limitPrice > 0, order.limitPrice.isFinite else { return .invalidPrice }
    }
    return nil
  }

  private func isMarketable(_ order: VenueOrder, at price: Double) -> Bool {
    order.orderSide == .buy ? order.limitPrice >= price : order.limitPrice <= price
  }

  /// Fills the instrument's resting orders (oldest first) that `bar` reaches.
  private mutating func fillResting(
    instrumentID: UInt32, against bar: Bar, into events: inout [SimEvent]
  ) {
    for id in resting.keys.sorted() {
      guard let entry = resting[id], entry.order.instrumentID == instrumentID else { continue }
      let limit = entry.order.limitPrice
      let price: Double
      if entry.order.orderSide == .buy {
        guard bar.low <= limit else { continue }
        price = min(limit, bar.open)
      } else {
        guard bar.high >= limit else { continue }
        price = max(limit, bar.open)
      }
      resting[id] = nil
      events.append(
        fill(entry.order, venueOrderID: entry.venueOrderID, price: price, at: bar.ts_event))
    }
  }

  /// Books a complete fill and describes it.
  private mutating func fill(
    _ order: VenueOrder, venueOrderID: String, price: Double, at time: Int64
  )
    -> SimEvent
  {
    let signed = order.orderSide == .buy ? order.quantity : -order.quantity
    cash -= signed * price
    var holding = holdings[order.instrumentID] ?? Holding()
    let before = holding.quantity
    var after = before + signed
    if abs(after) <= 1e-12 * max(abs(before), abs(signed)) { after = 0 }
    if after == 0 {
      holding.averagePrice = 0
    } else if before == 0 || (before > 0) == (signed > 0) {
      holding.averagePrice = (abs(before) * holding.averagePrice + abs(signed) * price) / abs(after)
    } else if (before > 0) != (after > 0) {
      holding.averagePrice = price  // flipped through flat: the new side opened at this price
    }
    holding.quantity = after
    holdings[order.instrumentID] = after == 0 ? nil : holding
    return .order(
      SimOrderEvent(
        type: th_order_event_type(TH_EVENT_FILLED), clientOrderID: order.clientOrderID,
        instrumentID: order.instrumentID, side: order.side, timestamp: time,
        fillQuantity: order.quantity, fillPrice: price, leavesQuantity: 0,
        venueOrderID: venueOrderID))
  }

  private func rejected(_ order: VenueOrder, reason: SimRejectReason) -> SimOrderEvent {
    SimOrderEvent(
      type: th_order_event_type(TH_EVENT_REJECTED), clientOrderID: order.clientOrderID,
      instrumentID: order.instrumentID, side: order.side, timestamp: clock, reason: reason)
  }

  private func cancelled(_ order: VenueOrder, venueOrderID: String, note: String) -> SimOrderEvent {
    SimOrderEvent(
      type: th_order_event_type(TH_EVENT_CANCELLED), clientOrderID: order.clientOrderID,
      instrumentID: order.instrumentID, side: order.side, timestamp: clock,
      leavesQuantity: order.quantity, note: note, venueOrderID: venueOrderID)
  }

  private func requireConnection() throws {
    guard isConnected else { throw PluginError.invalidState("SIM is not connected") }
  }

  // MARK: Queries

  var balances: [VenueBalance] {
    var reserved = 0.0
    for entry in resting.values where entry.order.orderSide == .buy {
      reserved += entry.order.quantity * entry.order.limitPrice
    }
    return [VenueBalance(currency: settings.currency, total: cash, available: cash - reserved)]
  }

  var positions: [VenuePosition] {
    holdings.sorted { $0.key < $1.key }.map { id, holding in
      VenuePosition(
        instrumentID: id, quantity: holding.quantity, averagePrice: holding.averagePrice)
    }
  }

  var openOrders: [VenueOrder] {
    resting.sorted { $0.key < $1.key }.map { $0.value.order }
  }

  /// The venue's symbol of an instrument it has a market for.
  func symbol(of instrumentID: UInt32) -> String? { feeds[instrumentID]?.market.symbol }

  /// The last price of an instrument the venue has a market for.
  func lastPrice(instrumentID: UInt32) -> Double? { feeds[instrumentID]?.market.lastPrice }
}
