import PluginKit
import Synchronization

/// A minimal paper venue: fills market orders at the last close it has seen (see `PaperBook` for
/// the rules). The closes come from the host (`onMarketEvent`, ABI 1.2: in a backtest or a
/// paper session the host feeds the venue the bars of its instruments before any strategy sees
/// them), or from a CSV file of bars the venue replays on the host's clock.
///
/// - `connect` takes one optional setting, `bars`: the path of a file to replay (see `BarFile`).
/// - It is clock-driven (`isPolled`): on each `poll(now:)` it emits the bars whose time has come
///   for the subscribed symbols, then fills the orders that were waiting for those prices. A
///   network adapter would instead emit from its own threads and leave `isPolled` false.
/// - `submit` is idempotent by client order id: a repeated id throws `PluginError.duplicate`.
/// - Everything it learns reaches the host through `HostContext.emit…`, after its lock is
///   released.
///
/// `submit`, `cancel`, `subscribe` and `poll` may run on different threads at once: all state sits
/// behind one `Mutex`. Each call makes a small array of events; a venue on a hot path would reuse
/// a buffer instead.
public final class PaperVenue: ExchangePlugin {
  public static var capabilities: th_exchange_capabilities {
    var capabilities = th_exchange_capabilities()
    capabilities.order_types = 1 << UInt32(TH_ORDER_MARKET)
    capabilities.time_in_force = 1 << UInt32(TH_TIF_GTC)
    capabilities.features = UInt32(TH_EXCHANGE_POSITIONS)
    capabilities.data_types = UInt32(TH_DATA_BARS)
    return capabilities
  }

  public static var isPolled: Bool { true }
  public static var receivesMarketEvents: Bool { true }

  /// What the lock guards.
  private struct State {
    var book: PaperBook
    var connected = false
    var bars: [PaperBar] = []
    /// The next bar to replay.
    var cursor = 0
    /// Subscribed symbols and the host's instrument id for each.
    var subscriptions: [String: UInt32] = [:]
  }

  private let host: HostContext
  private let state: Mutex<State>

  public init(host: HostContext, parameters: PluginParameters) throws {
    let cash = try parameters.double("starting_cash")
    let feeBps = try parameters.double("fee_bps")
    guard cash >= 0, cash.isFinite, feeBps >= 0, feeBps.isFinite else {
      throw PluginError.invalidArgument("starting_cash and fee_bps must be non-negative numbers")
    }
    self.host = host
    self.state = Mutex(State(book: PaperBook(cash: cash, feeRate: feeBps / 10_000)))
  }

  public func connect(config: [String: String]) throws {
    if let unknown = config.keys.sorted().first(where: { $0 != "bars" }) {
      throw PluginError.invalidArgument("unknown connect setting `\(unknown)` (known: bars)")
    }
    let bars = try config["bars"].map { try BarFile.read($0) } ?? []  // may block on a file
    state.withLock { state in
      state.bars = bars
      state.cursor = 0
      state.connected = true
    }
    host.emitConnected()
  }

  public func disconnect() {
    state.withLock { $0.connected = false }
  }

  public func subscribe(symbol: String, instrumentID: UInt32, dataTypes: UInt32) throws {
    guard dataTypes & ~UInt32(TH_DATA_BARS) == 0 else {
      throw PluginError.unsupported("the paper venue streams bars only")
    }
    try state.withLock { state in
      guard state.connected else { throw PluginError.invalidState("the venue is not connected") }
      state.subscriptions[symbol] = instrumentID
    }
  }

  public func unsubscribe(instrumentID: UInt32) throws {
    state.withLock { state in
      state.subscriptions = state.subscriptions.filter { $0.value != instrumentID }
    }
  }

  public func submit(_ order: VenueOrder) throws {
    let now = host.now
    let events = try state.withLock { state in
      guard state.connected else { throw PluginError.invalidState("the venue is not connected") }
      return try state.book.submit(order, at: now)
    }
    emit(events)
  }

  public func cancel(clientOrderID: UInt64) throws {
    let now = host.now
    emit(try state.withLock { try $0.book.cancel(clientOrderID, at: now) })
  }

  public func poll(now: Int64) throws {
    let events = state.withLock { state in
      var events: [PaperEvent] = []
      while state.connected, state.cursor < state.bars.count,
        state.bars[state.cursor].timestamp <= now
      {
        let bar = state.bars[state.cursor]
        state.cursor += 1
        if let instrumentID = state.subscriptions[bar.symbol] {
          events.append(
            .bar(
              Bar(
                instrumentID: instrumentID, timestamp: bar.timestamp, open: bar.open,
                high: bar.high, low: bar.low, close: bar.close, volume: bar.volume)))
        }
        events += state.book.close(symbol: bar.symbol, price: bar.close, at: bar.timestamp)
      }
      return events
    }
    emit(events)
  }

  /// A bar or trade of a subscribed instrument from the host: its price becomes the symbol's last
  /// close, and the orders waiting for it fill.
  public func onMarketEvent(_ event: VenueMarketEvent) throws {
    let price: Double
    switch event {
    case .bar(let bar): price = bar.close
    case .trade(let trade): price = trade.price
    case .quote: return  // the paper venue prices at closes only
    }
    let events = state.withLock { state -> [PaperEvent] in
      guard let symbol = state.subscriptions.first(where: { $0.value == event.instrumentID })?.key
      else { return [] }
      return state.book.close(symbol: symbol, price: price, at: event.timestamp)
    }
    emit(events)
  }

  public func balances() throws -> [VenueBalance] { state.withLock { $0.book.balances } }

  public func positions() throws -> [VenuePosition] { state.withLock { $0.book.positions } }

  public func openOrders() throws -> [VenueOrder] { state.withLock { $0.book.openOrders } }

  /// Hands events to the host, in order. A `TH_ERR_INVALID_STATE` answer means the host has
  /// disconnected the adapter; the remaining events are of no interest to it then.
  private func emit(_ events: [PaperEvent]) {
    for event in events {
      let status: th_status
      switch event {
      case .bar(let bar):
        status = host.emitBar(bar)
      case .order(let update):
        status = host.emitOrderEvent(
          update.raw, reason: update.reason, venueOrderID: update.venueOrderID)
      }
      if status == th_status(TH_ERR_INVALID_STATE) { return }
    }
  }
}

/// The one symbol the library exports: the host calls it once, before anything else.
@_cdecl("tradehost_plugin_entry")
public func tradehostPluginEntry() -> UnsafeRawPointer {
  PluginExport.exchange(PaperVenue.self, id: "paper-venue", version: "1.0.0")
}
