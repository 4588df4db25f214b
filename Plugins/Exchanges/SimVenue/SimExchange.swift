import PluginKit
import Synchronization

/// A simulated venue ("SIM") driven by the host's clock: a seeded market per subscribed
/// instrument, simple fills, cash, positions and open orders. See `SimVenue` for the rules.
///
/// Parameters: `seed` (the markets; same seed, same polls, same bars), `start_price`,
/// `volatility` (annualized, calm regime), `bar_interval_seconds`, `starting_cash`.
/// `connect` takes no settings (any key is refused).
///
/// Threading: `subscribe`, `submit`, `cancel` may come from any thread while `poll` runs on the
/// kernel thread, so the state sits in a `Mutex`. Events are emitted while the lock is held, so
/// the host sees them exactly in the order the state changed, and none after `disconnect`
/// returns. That relies on the ABI's promise that `venue_emit` only enqueues and never calls back
/// into the adapter.
public final class SimExchange: ExchangePlugin {
  public static let capabilities = th_exchange_capabilities(
    struct_size: UInt32(MemoryLayout<th_exchange_capabilities>.size),
    order_types: 1 << UInt32(TH_ORDER_MARKET) | 1 << UInt32(TH_ORDER_LIMIT),
    time_in_force: 1 << UInt32(TH_TIF_GTC) | 1 << UInt32(TH_TIF_IOC) | 1 << UInt32(TH_TIF_FOK),
    features: UInt32(TH_EXCHANGE_POSITIONS),
    data_types: UInt32(TH_DATA_BARS),
    max_orders_per_second: 0, max_requests_per_minute: 0, reserved: 0)

  public static var isPolled: Bool { true }

  private let host: HostContext
  private let venue: Mutex<SimVenue>

  public init(host: HostContext, parameters: PluginParameters) throws {
    let seed = try parameters.int("seed")
    let startPrice = try parameters.double("start_price")
    let volatility = try parameters.double("volatility")
    let interval = try parameters.int("bar_interval_seconds")
    let cash = try parameters.double("starting_cash")
    guard startPrice > 0, startPrice.isFinite else {
      throw PluginError.invalidArgument("start_price must be a positive number")
    }
    guard volatility >= 0, volatility.isFinite else {
      throw PluginError.invalidArgument("volatility must be zero or a positive number")
    }
    guard interval >= 1, interval <= 31_536_000 else {
      throw PluginError.invalidArgument("bar_interval_seconds must be between 1 and 31536000")
    }
    guard cash.isFinite else { throw PluginError.invalidArgument("starting_cash must be finite") }
    let settings = SimVenue.Settings(
      seed: UInt64(bitPattern: Int64(seed)), startPrice: startPrice, startingCash: cash,
      currency: "USD", model: SimMarket.Model(volatility: volatility, barSeconds: Int64(interval)))
    self.host = host
    venue = Mutex(SimVenue(settings: settings, capabilities: Self.capabilities))
  }

  public func connect(config: [String: String]) throws {
    if let key = config.keys.sorted().first {
      throw PluginError.invalidArgument("SIM takes no connection settings; got \(key)")
    }
    let now = host.now
    try update { try $0.connect(at: now) }
  }

  public func disconnect() {
    update { $0.disconnect(reason: "disconnected on request") }
  }

  public func subscribe(symbol: String, instrumentID: UInt32, dataTypes: UInt32) throws {
    let grid =
      host.instrument(symbol).map {
        PriceGrid(tickSize: $0.tick_size, precision: $0.price_precision)
      } ?? .cents
    try venue.withLock {
      try $0.subscribe(symbol: symbol, instrumentID: instrumentID, dataTypes: dataTypes, grid: grid)
    }
  }

  public func unsubscribe(instrumentID: UInt32) throws {
    try update { try $0.unsubscribe(instrumentID: instrumentID) }
  }

  public func submit(_ order: VenueOrder) throws {
    try update { try $0.submit(order) }
  }

  public func cancel(clientOrderID: UInt64) throws {
    try update { try $0.cancel(clientOrderID: clientOrderID) }
  }

  public func balances() throws -> [VenueBalance] { venue.withLock { $0.balances } }

  public func positions() throws -> [VenuePosition] { venue.withLock { $0.positions } }

  public func openOrders() throws -> [VenueOrder] {
    venue.withLock { venue in
      venue.openOrders.map { order in
        var order = order
        order.symbol = venue.symbol(of: order.instrumentID) ?? order.symbol
        return order
      }
    }
  }

  public func poll(now: Int64) throws {
    update { $0.advance(to: now) }
  }

  /// Applies `change` to the venue and emits the events it returns, under the lock.
  private func update(_ change: (inout SimVenue) throws -> [SimEvent]) rethrows {
    try venue.withLock { venue in
      for event in try change(&venue) { emit(event) }
    }
  }

  private func emit(_ event: SimEvent) {
    switch event {
    case .bar(let bar):
      host.emitBar(bar)
    case .order(let order):
      host.emitOrderEvent(order.raw, reason: order.text, venueOrderID: order.venueOrderID)
    case .connected(let time):
      host.emitConnected(at: time)
    case .disconnected(let time, let reason):
      host.emitDisconnected(reason: reason, at: time)
    }
  }
}

@_cdecl("tradehost_plugin_entry")
public func tradehostPluginEntry() -> UnsafeRawPointer {
  PluginExport.exchange(SimExchange.self, id: "sim-venue", version: "1.0.0")
}
