import CTradeHostPlugin
import TradingModel

/// An exchange plugin instance behind the kernel's venue seam: it takes `Order`s, sends them to
/// the plugin as `th_venue_order`s, feeds it the market events of its instruments (ABI 1.2
/// `on_market_event`), and turns what the plugin emits back into `Order` updates and `Fill`s for
/// the kernel's `VenueSink`, checking every one first.
///
/// What is checked (each breach is one `VenueFault` naming the plugin and the order, reported to
/// the sink, and nothing of it reaches the ledger): a call that returns an error, an event the
/// host cannot read, an event the order's lifecycle does not allow (a second accept, a fill after
/// the cancel), an event for an order the host never sent or that is closed, a fill larger than
/// what is left, a fill price off the instrument's tick or size off its lot, a fee with more
/// decimals than the currency, and events lost to a full inbox.
///
/// Threading: every `Venue` method runs on the kernel thread. The plugin may emit from any
/// thread; its events wait in a bounded `VenueInbox` and reach the sink only when the kernel
/// thread drains it: after each call into the plugin and on every `poll` (`needsPolling`).
/// Draining allocates nothing for an accept or a fill; a reason text was copied when the plugin
/// emitted it.
public final class PluginVenue: Venue {
  public let name: String
  public let capabilities: VenueCapabilities
  public var needsPolling: Bool { true }
  /// The plugin instance (connected by `init`).
  public let exchange: ExchangeInstance
  let inbox: VenueInbox
  let instruments: [Instrument]
  /// Each instrument's symbol as the plugin receives it.
  let symbols: [String]
  /// The orders sent and not yet closed, in submission order.
  var open: [Order] = []
  /// Amends sent and not yet answered, one per order at most (`PluginVenue+Amend.swift`).
  var amending: [(id: ClientOrderID, amendment: OrderAmendment)] = []
  /// The most orders that may be open at once (more are rejected before reaching the plugin).
  public let capacity: Int
  /// Whether a price of each instrument has been seen (market orders need one).
  var priced: [Bool]
  /// One traded instrument per venue name (the venue-health breaker's scope): a fault that
  /// concerns no single order (a full inbox, a failed poll, an unreadable event) is reported
  /// once for each, so every breaker this plugin answers to sees it.
  let breakerScopes: [InstrumentID]
  /// Whether this venue trades each instrument of the run (streamed data for another is refused).
  let trades: [Bool]
  /// Whether the plugin is its instruments' market-data source (see `Venue.streamsMarketData`).
  public let streamsMarketData: Bool
  /// Streamed market events, checked, waiting for the kernel (`takeStreamedEvent`): a ring
  /// allocated once, as large as the inbox.
  var streamed: [MarketEvent]
  var streamedHead = 0
  var streamedCount = 0
  var nextTradeID: UInt64 = 1
  /// A reusable slot for draining the inbox.
  var message = VenueMessage()
  /// Faults reported so far.
  public internal(set) var faults = 0
  /// The kill switch's cancel while the kernel thread is stuck; it mirrors `open`, so `open`
  /// changes only through `appendOpen` and `removeOpen`.
  let canceller: ExchangeControlCancel
  public var controlSideCancel: (any ControlSideCancel)? { canceller }

  /// Creates the plugin instance `pluginID` with `parameters`, connects it with `settings` and
  /// subscribes it to `trading` (ids into `instruments`, which holds every instrument of the
  /// run). `now` and `log` serve the plugin's host calls from any thread. With
  /// `streamsMarketData` (a `tradehost run` session) a live adapter, one that declares data
  /// types and takes no market events from the host, is its instruments' source: the bars,
  /// quotes and trades it emits are checked and handed to the kernel as their market data.
  /// Otherwise (backtests, paper venues) what it streams is counted and dropped.
  /// Throws what the plugin's create, connect or subscribe answered, naming the plugin.
  public init(
    pluginID: String, registry: PluginRegistry, parameters: [(String, String)] = [],
    settings: [(String, String)] = [], instruments: [Instrument], trading: [InstrumentID],
    now: @escaping @Sendable () -> Int64,
    log: @escaping @Sendable (Int32, String, String) -> Void,
    inboxCapacity: Int = 4096, capacity: Int = 4096, streamsMarketData: Bool = false
  ) throws(PluginCallError) {
    name = pluginID
    self.instruments = instruments
    symbols = instruments.map(\.symbol)
    self.capacity = capacity
    priced = Array(repeating: false, count: instruments.count)
    var seenVenues = Set<String>()
    breakerScopes = trading.filter { seenVenues.insert(instruments[Int($0)].venue).inserted }
    open.reserveCapacity(capacity)
    amending.reserveCapacity(16)
    var traded = Array(repeating: false, count: instruments.count)
    for id in trading where Int(id) < instruments.count { traded[Int(id)] = true }
    trades = traded
    inbox = VenueInbox(
      capacity: inboxCapacity, instruments: InstrumentInfo.table(instruments), now: now, log: log)
    exchange = try registry.makeExchange(
      pluginID, parameters: parameters, environment: inbox, label: pluginID)
    var declared = VenueCapabilities(exchange.capabilities)
    if declared.features.contains(.oco), exchange.plugin.abiMinor < Self.linksMinor {
      // Its `th_venue_order` ends before the links: a linked order is denied (49) rather than
      // sent to a venue that would read it unlinked.
      declared.features.remove(.oco)
      log(
        Int32(TH_LOG_WARNING), "venue \(pluginID)",
        "declares TH_EXCHANGE_OCO but was built against ABI 1.\(exchange.plugin.abiMinor), whose "
          + "th_venue_order has no links: linked orders to it are denied (49)")
    }
    capabilities = declared
    // A live adapter (no `on_market_event`, data types declared) is its instruments' source
    // when the session asks for it; a paper venue matches against the host's feed instead.
    let streams =
      streamsMarketData && !exchange.receivesMarketEvents
      && exchange.capabilities.data_types != 0
    self.streamsMarketData = streams
    let blank = MarketEvent.trade(
      Trade(
        instrument: 0, timestamp: 0, price: Price(raw: 0, precision: 0),
        size: Quantity(raw: 0, precision: 0), aggressor: .unknown))
    streamed = Array(repeating: blank, count: streams ? inboxCapacity : 1)
    inbox.queuesMarketData.store(streams, ordering: .releasing)
    canceller = ExchangeControlCancel(exchange, capacity: capacity)
    try exchange.connect(config: settings)
    let dataTypes = exchange.capabilities.data_types
    for id in trading {
      try exchange.subscribe(
        symbol: instruments[Int(id)].symbol, instrumentID: id, dataTypes: dataTypes)
    }
  }

  /// Appends an order sent to the adapter to `open` (and to the canceller's mirror).
  func appendOpen(_ order: Order) {
    open.append(order)
    canceller.opened(order.clientOrderID)
  }

  /// Removes the open order at `index` (and from the canceller's mirror).
  @discardableResult
  func removeOpen(at index: Int) -> Order {
    canceller.closed(at: index)
    return open.remove(at: index)
  }

  public func submit(_ order: Order, at now: Int64, immediate: Bool, sink: some VenueSink) {
    guard open.count < capacity else {
      sink.venueRejected(order, reason: "the venue's order table is full")
      return
    }
    appendOpen(order)
    do throws(PluginCallError) {
      try exchange.submit(Self.abi(order), symbol: symbols[Int(order.instrument)])
    } catch {
      // The submission itself failed: the order never reached the venue. It is closed here,
      // and the strategy hears why.
      if let index = index(of: order.clientOrderID) { removeOpen(at: index) }
      fault(.callFailed, order: order, "submit_order failed: \(error)", sink: sink)
      sink.venueCanceled(order, text: "venue '\(name)' could not take the order: \(error)")
    }
    drain(sink)
  }

  public func cancel(_ clientOrderID: ClientOrderID, at now: Int64, sink: some VenueSink) -> Bool {
    guard let index = index(of: clientOrderID) else { return false }
    do throws(OrderTransitionError) {
      try open[index].apply(.cancelRequested, at: now)
    } catch {
      return false  // already pending a cancel
    }
    let order = open[index]
    do throws(PluginCallError) {
      try exchange.cancel(clientOrderID: clientOrderID)
    } catch {
      try? open[index].apply(.cancelRejected, at: now)
      fault(.callFailed, order: order, "cancel_order failed: \(error)", sink: sink)
      drain(sink)
      return false
    }
    drain(sink)
    return true
  }

  @discardableResult
  public func cancelAll(
    slot: SlotID?, instrument: InstrumentID?, reason: StaticString, at now: Int64,
    sink: some VenueSink
  ) -> Int {
    // Not on the event path (risk actions, stop): the ids are collected first because each
    // cancel may close orders.
    let targets = open.filter { order in
      (slot == nil || order.slot == slot) && (instrument == nil || order.instrument == instrument)
        && order.state != .pendingCancel
    }.map(\.clientOrderID)
    var count = 0
    for id in targets where cancel(id, at: now, sink: sink) { count += 1 }
    return count
  }

  /// [kernel-thread] Hands the event to the plugin (if it takes market events), then drains.
  public func marketEvent(_ event: MarketEvent, sink: some VenueSink) {
    priced[Int(event.instrument)] = true
    if exchange.receivesMarketEvents {
      let failure = event.withVenueEvent { pointer -> PluginCallError? in
        do throws(PluginCallError) {
          try exchange.marketEvent(pointer)
          return nil
        } catch {
          return error
        }
      }
      if let failure {
        fault(
          .callFailed, instrument: event.instrument, "on_market_event failed: \(failure)",
          sink: sink)
      }
    }
    drain(sink)
  }

  public func poll(at now: Int64, sink: some VenueSink) {
    if exchange.isPolled {
      do throws(PluginCallError) {
        try exchange.poll(now: now)
      } catch {
        venueWideFault(.callFailed, "poll failed: \(error)", sink: sink)
      }
    }
    drain(sink)
  }

  public func hasReference(_ instrument: InstrumentID) -> Bool { priced[Int(instrument)] }

  public func takeStreamedEvent() -> MarketEvent? {
    guard streamedCount > 0 else { return nil }
    let event = streamed[streamedHead]
    streamedHead = (streamedHead + 1) % streamed.count
    streamedCount -= 1
    return event
  }

  public func openOrderSlot(_ clientOrderID: ClientOrderID) -> SlotID? {
    index(of: clientOrderID).map { open[$0].slot }
  }

  /// Open orders at this venue (reports, tests).
  public var openOrders: [Order] { open }

  /// Market events the plugin streamed while it was not its instruments' source (dropped).
  public var droppedMarketData: Int { inbox.ignoredMarketData.load(ordering: .relaxed) }

  @inline(__always)
  func index(of clientOrderID: ClientOrderID) -> Int? {
    open.firstIndex { $0.clientOrderID == clientOrderID }
  }

  /// The ABI minor whose `th_venue_order` carries the links (`parent_order_id`, `oco_order_id`).
  static let linksMinor: UInt16 = 3

  /// The order as the ABI sends it (the symbol is set by `ExchangeInstance.submit`).
  static func abi(_ order: Order) -> th_venue_order {
    var raw = th_venue_order()
    raw.struct_size = UInt32(MemoryLayout<th_venue_order>.size)
    raw.instrument_id = order.instrument
    raw.client_order_id = order.clientOrderID
    raw.side = th_side(order.side == .buy ? TH_SIDE_BUY : TH_SIDE_SELL)
    switch order.type {
    case .market: raw.type = th_order_type(TH_ORDER_MARKET)
    case .limit: raw.type = th_order_type(TH_ORDER_LIMIT)
    case .stop: raw.type = th_order_type(TH_ORDER_STOP)
    case .stopLimit: raw.type = th_order_type(TH_ORDER_STOP_LIMIT)
    }
    switch order.timeInForce {
    case .gtc: raw.time_in_force = th_time_in_force(TH_TIF_GTC)
    case .ioc: raw.time_in_force = th_time_in_force(TH_TIF_IOC)
    case .fok: raw.time_in_force = th_time_in_force(TH_TIF_FOK)
    case .day: raw.time_in_force = th_time_in_force(TH_TIF_DAY)
    }
    raw.flags =
      (order.reduceOnly ? UInt32(TH_ORDER_FLAG_REDUCE_ONLY) : 0)
      | (order.postOnly ? UInt32(TH_ORDER_FLAG_POST_ONLY) : 0)
    raw.quantity = order.quantity.doubleValue
    raw.limit_price = order.type.limitPrice?.doubleValue ?? 0
    raw.stop_price = order.type.triggerPrice?.doubleValue ?? 0
    raw.parent_order_id = order.parentOrderID
    raw.oco_order_id = order.ocoOrderID
    return raw
  }
}

extension VenueCapabilities {
  /// What an exchange plugin declared (ABI bits `1 << TH_ORDER_*`, `1 << TH_TIF_*`,
  /// `TH_EXCHANGE_*`).
  public init(_ declared: th_exchange_capabilities) {
    var types: OrderTypes = []
    if declared.order_types & (1 << UInt32(TH_ORDER_MARKET)) != 0 { types.insert(.market) }
    if declared.order_types & (1 << UInt32(TH_ORDER_LIMIT)) != 0 { types.insert(.limit) }
    if declared.order_types & (1 << UInt32(TH_ORDER_STOP)) != 0 { types.insert(.stop) }
    if declared.order_types & (1 << UInt32(TH_ORDER_STOP_LIMIT)) != 0 { types.insert(.stopLimit) }
    var times: TimesInForce = []
    if declared.time_in_force & (1 << UInt32(TH_TIF_GTC)) != 0 { times.insert(.gtc) }
    if declared.time_in_force & (1 << UInt32(TH_TIF_IOC)) != 0 { times.insert(.ioc) }
    if declared.time_in_force & (1 << UInt32(TH_TIF_FOK)) != 0 { times.insert(.fok) }
    if declared.time_in_force & (1 << UInt32(TH_TIF_DAY)) != 0 { times.insert(.day) }
    // The feature bits are the ABI's (TH_EXCHANGE_REDUCE_ONLY = 1 << 0 ... DEAD_MANS_SWITCH).
    self.init(
      orderTypes: types, timesInForce: times,
      features: Features(rawValue: declared.features & 0x3F))
  }
}
