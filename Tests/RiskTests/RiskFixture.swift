import CTradeHostPlugin
import HostTestKit
import PluginHost
import Risk
import Testing
import TradingModel

@testable import Kernel

/// One second, ns.
let second: Int64 = 1_000_000_000
/// One minute, ns.
let minute: Int64 = 60 * second
/// One day, ns.
let day: Int64 = 86_400 * second

/// A kernel guarded by a `RiskWrapper`, driven by hand: cent-priced shares, slots running
/// `ema-cross` with periods so long (500/1000) that the strategy never trades in a short test, a
/// historical clock moved by the bars, and helpers that submit intents as a slot and return the
/// order events the slot would receive.
///
/// Times are real 2013 instants so the calendar fixtures apply: `monday` is 2013-10-07 14:00 UTC
/// (10:00 in New York, the NYSE open).
final class RiskFixture {
  /// 2013-10-07 14:00:00 UTC, a Monday (10:00 New York time).
  static let monday: Int64 = 1_381_154_400 * second

  /// SPY on ARCA (id 0), QQQ on ARCA (id 1), IWM on BATS (id 2): cents, whole shares.
  static let spy = share(0, "SPY", "ARCA")
  static let qqq = share(1, "QQQ", "ARCA")
  static let iwm = share(2, "IWM", "BATS")

  static func share(_ id: InstrumentID, _ symbol: String, _ venue: String) -> Instrument {
    try! Instrument.make(
      id: id, symbol: symbol, venue: venue, currency: .usd, pricePrecision: 2
    ).get()
  }

  /// An `ema-cross` slot that never crosses in a short test, with `dollars` of capital.
  static func slot(_ name: String, dollars: Int64 = 100_000) -> SlotSpec {
    SlotSpec(
      name: name, strategy: "ema-cross",
      parameters: [("fast_period", "500"), ("slow_period", "1000")],
      capital: Money(raw: dollars * 100, currency: .usd))
  }

  let clock: HistoricalClock
  let kernel: Kernel
  let wrapper: RiskWrapper
  /// The plugins: strategy instances keep an unowned reference to the registry that made them,
  /// so it must live as long as the kernel.
  let registry: PluginRegistry

  /// A fixture guarded by a wrapper enforcing `risk`. `instruments` must have ids `0..<count`.
  init(
    _ risk: RiskConfiguration, instruments: [Instrument] = [RiskFixture.spy],
    slots: [SlotSpec] = [RiskFixture.slot("main")], maxOpenOrders: Int = 4096,
    maxOrderQuantity: [Quantity?] = [],
    audit: AuditTrail = AuditTrail(), commands: RiskCommandQueue = RiskCommandQueue(),
    restoring: RiskStateSnapshot? = nil, registry: PluginRegistry? = nil,
    start: Int64 = RiskFixture.monday - minute,
    venues: ((PluginRegistry, HistoricalClock) throws -> VenueRoutes)? = nil,
    log: @escaping KernelLogSink = KernelLog.discard
  ) throws {
    clock = HistoricalClock(start: start)
    self.registry = try registry ?? TestPlugins.registry()
    wrapper = try RiskWrapper(
      configuration: risk, audit: audit, commands: commands, restoring: restoring)
    let configuration = KernelConfiguration(
      instruments: instruments, currency: .usd, slots: slots,
      maxOrderQuantity: maxOrderQuantity, maxOpenOrders: maxOpenOrders)
    kernel = try Kernel(
      configuration: configuration, registry: self.registry,
      clock: clock, gate: wrapper, venues: try venues?(self.registry, clock), log: log)
  }

  // MARK: Market events

  /// A bar of `instrument` closing at `time`, prices in cents (high and low default to the close).
  static func bar(
    _ instrument: InstrumentID = 0, at time: Int64, close: Int64, high: Int64? = nil,
    low: Int64? = nil, open: Int64? = nil
  ) -> MarketEvent {
    let price = { (cents: Int64) in Price(raw: cents, precision: 2) }
    return .bar(
      Bar(
        instrument: instrument, timestamp: time, open: price(open ?? close),
        high: price(high ?? max(close, open ?? close)),
        low: price(low ?? min(close, open ?? close)),
        close: price(close), volume: Quantity(raw: 100, precision: 0)))
  }

  /// Processes a bar through the kernel (venue, marks, the wrapper's `observe`, strategies).
  func feed(
    _ instrument: InstrumentID = 0, at time: Int64, close: Int64, high: Int64? = nil,
    low: Int64? = nil, open: Int64? = nil
  ) {
    kernel.process(
      Self.bar(instrument, at: time, close: close, high: high, low: low, open: open))
  }

  /// What `Kernel.process` does up to and including the wrapper's `observe`, without calling the
  /// strategies or delivering order events: the events the wrapper's own orders (host exits,
  /// kill flattening) raise stay in the kernel's queue for `takeEvents`.
  func observeOnly(_ event: MarketEvent) {
    kernel.historicalClock?.advance(to: event.timestamp)
    kernel.simulator?.match(event, sink: kernel)
    let instrument = event.instrument
    let price: Price
    switch event {
    case .bar(let bar): price = bar.close
    case .quote(let quote): price = quote.mid
    case .trade(let trade): price = trade.price
    }
    // Fixture prices are small: a refused mark here is a broken fixture.
    kernel.lastPrices[Int(instrument)] = price.raw
    try! kernel.portfolio.mark(instrument, price: price)
    kernel.equityTracker.refresh(
      instrument, portfolio: &kernel.portfolio, instruments: kernel.configuration.instruments)
    wrapper.observe(event)
    if wrapper.hasPendingActions { wrapper.performPendingActions() }
  }

  /// The order events waiting in the kernel's queue (delivered to nobody).
  func takeEvents() -> [th_order_event] {
    var events: [th_order_event] = []
    while let pending = kernel.pending.pop() { events.append(pending.event) }
    return events
  }

  // MARK: Orders

  /// An order intent (quantities in shares, prices in dollars), client tag 77.
  static func intent(
    _ side: Int, _ quantity: Double, instrument: InstrumentID = 0, type: Int = TH_ORDER_MARKET,
    limit: Double = 0, stop: Double = 0, tif: Int = TH_TIF_GTC, reduceOnly: Bool = false
  ) -> th_order_intent {
    TestIntent.make(
      side: side, quantity: quantity, instrument: instrument, type: type, limit: limit,
      stop: stop, tif: tif, flags: reduceOnly ? UInt32(TH_ORDER_FLAG_REDUCE_ONLY) : 0)
  }

  /// Submits `intent` as slot `slot`'s strategy (inside no callback) and returns the order events
  /// the slot would receive, after the gate's pending actions ran as the kernel runs them after
  /// every callback.
  @discardableResult
  func submit(_ intent: th_order_intent, slot: Int = 0) -> Outcome {
    var id: UInt64 = 0
    let status = kernel.submit(intent, from: kernel.slots[slot].strategy.context, orderID: &id)
    #expect(status == th_status(TH_OK))
    var events = takeEvents()
    if wrapper.hasPendingActions {
      wrapper.performPendingActions()
      events += takeEvents()
    }
    return Outcome(orderID: id, events: events)
  }

  /// A market buy of `quantity` shares.
  @discardableResult
  func buy(_ quantity: Double, slot: Int = 0, instrument: InstrumentID = 0) -> Outcome {
    submit(Self.intent(TH_SIDE_BUY, quantity, instrument: instrument), slot: slot)
  }

  /// A market sell of `quantity` shares.
  @discardableResult
  func sell(_ quantity: Double, slot: Int = 0, instrument: InstrumentID = 0) -> Outcome {
    submit(Self.intent(TH_SIDE_SELL, quantity, instrument: instrument), slot: slot)
  }

  /// A GTC limit order of `quantity` shares at `price` dollars.
  @discardableResult
  func limit(
    _ side: Int, _ quantity: Double, at price: Double, slot: Int = 0, instrument: InstrumentID = 0
  ) -> Outcome {
    submit(
      Self.intent(side, quantity, instrument: instrument, type: TH_ORDER_LIMIT, limit: price),
      slot: slot)
  }

  /// The slot's signed position in whole shares.
  func position(slot: Int = 0, instrument: InstrumentID = 0) -> Int64 {
    kernel.portfolio.position(slot: slot, instrument: instrument).quantity.raw
  }

  /// The audit records of `action` so far.
  func audited(_ action: String) -> [AuditRecord] {
    wrapper.audit.records.filter { $0.action == action }
  }
}

/// The order events one intent produced.
struct Outcome {
  var orderID: UInt64
  var events: [th_order_event]

  /// The DENIED event's code, if the intent was denied.
  var code: Int32? {
    events.first { $0.type == th_order_event_type(TH_EVENT_DENIED) }?.reason_code
  }

  /// The DENIED event's reason text, if the intent was denied.
  var reason: String? {
    guard
      let event = events.first(where: { $0.type == th_order_event_type(TH_EVENT_DENIED) }),
      let text = event.reason
    else { return nil }
    return String(cString: text)
  }

  /// Shares filled by this order's FILLED events.
  var filled: Int64 {
    Int64(
      events.filter {
        $0.type == th_order_event_type(TH_EVENT_FILLED) && $0.client_order_id == orderID
      }.map(\.fill_quantity).reduce(0, +))
  }

  /// Whether the venue accepted the order.
  var accepted: Bool {
    events.contains {
      $0.type == th_order_event_type(TH_EVENT_ACCEPTED) && $0.client_order_id == orderID
    }
  }

  /// The event types in order.
  var types: [th_order_event_type] { events.map(\.type) }
}

/// Expects `outcome` to be a denial with `reason`'s code and text.
func expectDenied(
  _ outcome: Outcome, _ reason: DenialReason, sourceLocation: SourceLocation = #_sourceLocation
) {
  #expect(outcome.code == reason.code, sourceLocation: sourceLocation)
  #expect(outcome.reason == reason.text.description, sourceLocation: sourceLocation)
  #expect(!outcome.accepted, sourceLocation: sourceLocation)
}

/// Expects `outcome` to be an accepted order that filled `shares` (the whole order, or what the
/// gate shrank it to).
func expectFilled(
  _ outcome: Outcome, _ shares: Int64, sourceLocation: SourceLocation = #_sourceLocation
) {
  #expect(outcome.code == nil, "denied: \(outcome.reason ?? "")", sourceLocation: sourceLocation)
  #expect(outcome.accepted, sourceLocation: sourceLocation)
  #expect(outcome.filled == shares, sourceLocation: sourceLocation)
}

extension RiskConfiguration {
  /// Every optional limit off, then `change` applied: one limit under test at a time.
  static func only(_ change: (inout RiskConfiguration) -> Void) -> RiskConfiguration {
    var configuration = RiskConfiguration.unlimited
    change(&configuration)
    return configuration
  }
}
