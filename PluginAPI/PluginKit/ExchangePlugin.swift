/// An exchange adapter written in Swift: one venue connection.
///
/// Only venue-specific code lives here; the host's risk gate and order manager sit in front of
/// it and never send an order type, time in force, flag or data type that `capabilities` does not
/// declare. Export it with `PluginExport.exchange(MyVenue.self, id:version:)`.
///
/// Implementation requirements:
/// - Report everything through the host: market data, order events (accepted, rejected with a
///   reason, filled, cancelled), connects and disconnects, with `HostContext.emitBar`,
///   `emitOrderEvent`, `emitConnected`, `emitDisconnected(reason:)` (any thread).
/// - `init`, `connect`, `disconnect` and the queries run on the loader thread and may block
///   (network, REST). Nothing may be emitted after `disconnect` returns.
/// - `subscribe`, `unsubscribe`, `submit`, `cancel` and `amend` may be called from any thread,
///   also concurrently with each other and with `poll`: guard shared state with a lock
///   (`Synchronization.Mutex`). Don't emit while holding a lock that a host callback could need.
/// - `submit` is idempotent by `clientOrderID`: an id seen before throws
///   `PluginError.duplicate` and sends nothing. An order the venue refuses is reported as a
///   rejected order event; a thrown error means the submission itself failed.
/// - `poll(now:)` runs on the kernel thread for venues driven by the host's clock (simulated
///   venues, replays): set `isPolled` to true to get it called; network adapters that emit from
///   their own threads leave it false. It must not block.
/// - The vtable's `amend_order` is set only when `capabilities.features` has `TH_EXCHANGE_AMEND`.
/// - `onMarketEvent` (ABI 1.2) runs on the kernel thread with each market event of the venue's
///   instruments from the host's own data (a backtest's files, the paper market), before any
///   strategy sees it: a paper or simulated venue matches its open orders against it and emits
///   the fills (from inside the call or later). Set `receivesMarketEvents` to true to get it
///   called; a live adapter, whose market is its own, leaves it false. It must not block.
public protocol ExchangePlugin: StatefulPlugin {
  /// What the venue supports; read once at load.
  static var capabilities: th_exchange_capabilities { get }
  /// Whether the vtable offers `poll` (default false).
  static var isPolled: Bool { get }
  /// Whether the vtable offers `on_market_event` (ABI 1.2; default false).
  static var receivesMarketEvents: Bool { get }

  /// Creates an instance with resolved parameters (not yet connected).
  init(host: HostContext, parameters: PluginParameters) throws
  /// Opens the session with string settings (endpoint, keys, ...). May block.
  func connect(config: [String: String]) throws
  /// Closes the session. May block.
  func disconnect()
  /// Starts streaming `dataTypes` (`TH_DATA_*` bits) for `symbol`, tagged `instrumentID`.
  func subscribe(symbol: String, instrumentID: UInt32, dataTypes: UInt32) throws
  /// Stops streaming an instrument (default: unsupported).
  func unsubscribe(instrumentID: UInt32) throws
  /// Sends an order; its outcome arrives as order events.
  func submit(_ order: VenueOrder) throws
  /// Asks to cancel an open order; `PluginError.notFound` for an unknown or closed one.
  func cancel(clientOrderID: UInt64) throws
  /// Changes quantity and/or prices (NaN = unchanged). Default: unsupported.
  func amend(clientOrderID: UInt64, quantity: Double, limitPrice: Double, stopPrice: Double)
    throws
  /// Cash balances at the venue.
  func balances() throws -> [VenueBalance]
  /// Open positions at the venue.
  func positions() throws -> [VenuePosition]
  /// Orders still open at the venue.
  func openOrders() throws -> [VenueOrder]
  /// Advances to the host clock's `now` (ns since the epoch) and emits what is due.
  func poll(now: Int64) throws
  /// A market event of one of the venue's instruments from the host's data (see above).
  func onMarketEvent(_ event: VenueMarketEvent) throws
}

extension ExchangePlugin {
  public static var isPolled: Bool { false }
  public static var receivesMarketEvents: Bool { false }

  public func onMarketEvent(_ event: VenueMarketEvent) throws {}

  public func unsubscribe(instrumentID: UInt32) throws {
    throw PluginError.unsupported("this venue cannot unsubscribe")
  }

  public func amend(
    clientOrderID: UInt64, quantity: Double, limitPrice: Double, stopPrice: Double
  ) throws {
    throw PluginError.unsupported("this venue cannot amend orders")
  }

  public func poll(now: Int64) throws {}
}

typealias ExchangeBox = InstanceBox<any ExchangePlugin>

/// The adapter type this image exports and its descriptor; set once by `PluginExport.exchange`
/// (thread-safe, see `ExportedPlugin`).
private let exportedExchange = ExportedPlugin<any ExchangePlugin.Type>()

extension PluginExport {
  /// The descriptor for an exchange adapter; call it from the image's entry function.
  public static func exchange(
    _ type: any ExchangePlugin.Type, id: String, version: String
  ) -> UnsafeRawPointer {
    exportedExchange.descriptor(for: type) {
      var capabilities = type.capabilities
      capabilities.struct_size = UInt32(MemoryLayout<th_exchange_capabilities>.size)
      let permanentCapabilities = UnsafeMutablePointer<th_exchange_capabilities>.allocate(
        capacity: 1)
      permanentCapabilities.initialize(to: capabilities)
      let vtable = UnsafeMutablePointer<th_exchange_vtable>.allocate(capacity: 1)
      vtable.initialize(
        to: makeExchangeVTable(
          stateVersion: type.stateVersion, capabilities: UnsafePointer(permanentCapabilities),
          amends: capabilities.features & UInt32(TH_EXCHANGE_AMEND) != 0, polled: type.isPolled,
          receivesMarketEvents: type.receivesMarketEvents))
      return makeDescriptor(
        kind: Int32(TH_KIND_EXCHANGE), id: id, version: version, vtable: UnsafeRawPointer(vtable))
    }
  }
}

private func makeExchangeVTable(
  stateVersion: UInt32, capabilities: UnsafePointer<th_exchange_capabilities>, amends: Bool,
  polled: Bool, receivesMarketEvents: Bool
) -> th_exchange_vtable {
  var table = th_exchange_vtable()
  table.struct_size = UInt32(MemoryLayout<th_exchange_vtable>.size)
  table.state_version = stateVersion
  table.capabilities = capabilities
  table.create = { api, context, params, count, out, error in
    catchingErrors(error) {
      guard let api, let out, let type = exportedExchange.type else {
        throw PluginError.invalidArgument("create called without a host table or output pointer")
      }
      let plugin = try type.init(
        host: HostContext(api: api, context: context),
        parameters: PluginParameters(params, count: count))
      out.pointee = ExchangeBox.retain(plugin)
    }
  }
  table.destroy = { instance in ExchangeBox.release(instance) }
  table.connect = { instance, config, count, error in
    ExchangeBox.with(instance) { box in
      catchingErrors(error) { try box.plugin.connect(config: try settings(config, count)) }
    }
  }
  table.disconnect = { instance in ExchangeBox.with(instance) { box in box.plugin.disconnect() } }
  table.subscribe = { instance, symbol, instrumentID, dataTypes, error in
    ExchangeBox.with(instance) { box in
      catchingErrors(error) {
        guard let symbol else { throw PluginError.invalidArgument("symbol is NULL") }
        try box.plugin.subscribe(
          symbol: String(cString: symbol), instrumentID: instrumentID, dataTypes: dataTypes)
      }
    }
  }
  table.unsubscribe = { instance, instrumentID, error in
    ExchangeBox.with(instance) { box in
      catchingErrors(error) { try box.plugin.unsubscribe(instrumentID: instrumentID) }
    }
  }
  table.submit_order = { instance, order, error in
    ExchangeBox.with(instance) { box in
      catchingErrors(error) {
        var raw = th_venue_order()
        // A host older than ABI 1.3 sends no links: they read as 0.
        try copyHostStruct(
          order, into: &raw, name: "th_venue_order",
          minimumSize: Int(TH_VENUE_ORDER_SIZE_1_2))
        try box.plugin.submit(VenueOrder(raw))
      }
    }
  }
  table.cancel_order = { instance, clientOrderID, error in
    ExchangeBox.with(instance) { box in
      catchingErrors(error) { try box.plugin.cancel(clientOrderID: clientOrderID) }
    }
  }
  if amends {
    table.amend_order = { instance, clientOrderID, quantity, limitPrice, stopPrice, error in
      ExchangeBox.with(instance) { box in
        catchingErrors(error) {
          try box.plugin.amend(
            clientOrderID: clientOrderID, quantity: quantity, limitPrice: limitPrice,
            stopPrice: stopPrice)
        }
      }
    }
  }
  table.query_balances = { instance, out, capacity, count, error in
    ExchangeBox.with(instance) { box in
      queryShim(error) {
        try deliverRows(try box.plugin.balances(), into: out, capacity: capacity, count: count) {
          row, _ in row.raw
        }
      }
    }
  }
  table.query_positions = { instance, out, capacity, count, error in
    ExchangeBox.with(instance) { box in
      queryShim(error) {
        try deliverRows(try box.plugin.positions(), into: out, capacity: capacity, count: count) {
          row, _ in row.raw
        }
      }
    }
  }
  table.query_open_orders = { instance, out, capacity, count, error in
    ExchangeBox.with(instance) { box in
      queryShim(error) {
        // The previous answer's symbols die here: the host was told they live until the next query.
        box.queryStrings = []
        let orders = try box.plugin.openOrders()
        var strings: [CStringBox] = []
        let status = try deliverRows(orders, into: out, capacity: capacity, count: count) {
          order, _ in
          let symbol = CStringBox(order.symbol)
          strings.append(symbol)
          return order.raw(symbolPointer: UnsafePointer(symbol.pointer))
        }
        box.queryStrings = strings
        return status
      }
    }
  }
  if polled {
    table.poll = { instance, now, error in
      ExchangeBox.with(instance) { box in catchingErrors(error) { try box.plugin.poll(now: now) } }
    }
  }
  if receivesMarketEvents {
    table.on_market_event = { instance, event, error in
      ExchangeBox.with(instance) { box in
        catchingErrors(error) { try box.plugin.onMarketEvent(try VenueMarketEvent(event)) }
      }
    }
  }
  return table
}

/// Converts the host's key/value array into a dictionary, refusing NULL keys and repeated keys.
private func settings(_ pairs: UnsafePointer<th_kv>?, _ count: UInt32) throws -> [String: String] {
  guard count > 0 else { return [:] }
  guard let pairs else { throw PluginError.invalidArgument("config is NULL with count \(count)") }
  var result: [String: String] = [:]
  for index in 0..<Int(count) {
    var pair = th_kv()
    try copyHostStruct(pairs + index, into: &pair, name: "th_kv")
    guard let key = pair.key else {
      throw PluginError.invalidArgument("config entry \(index) has a NULL key")
    }
    let name = String(cString: key)
    guard result[name] == nil else {
      throw PluginError.invalidArgument("config key \(name) is given twice")
    }
    result[name] = pair.value.map { String(cString: $0) } ?? ""
  }
  return result
}

/// Runs a query body, turning its thrown errors into a status and passing its own status through
/// (TH_ERR_BUFFER_TOO_SMALL is an answer, not an error).
private func queryShim(
  _ error: UnsafeMutablePointer<th_error>?, _ body: () throws -> th_status
) -> th_status {
  var result = th_status(TH_OK)
  let status = catchingErrors(error) { result = try body() }
  return status == th_status(TH_OK) ? result : status
}

/// Copies query results into the host's array: `*count` always receives how many exist; when
/// they do not fit (or `out` is NULL) nothing is written and TH_ERR_BUFFER_TOO_SMALL is returned.
private func deliverRows<Row, C>(
  _ rows: [Row], into out: UnsafeMutablePointer<C>?, capacity: UInt32,
  count: UnsafeMutablePointer<UInt32>?, _ convert: (Row, Int) -> C
) throws -> th_status {
  guard let count else { throw PluginError.invalidArgument("count pointer is NULL") }
  guard let total = UInt32(exactly: rows.count) else {
    throw PluginError(
      code: th_status(TH_ERR_INTERNAL), "\(rows.count) rows do not fit a 32-bit count")
  }
  count.pointee = total
  guard total <= capacity, let out else {
    return total == 0 ? th_status(TH_OK) : th_status(TH_ERR_BUFFER_TOO_SMALL)
  }
  guard total > 0 else { return th_status(TH_OK) }
  // The host's element size is the stride: a host built against another minor may use longer
  // or shorter rows than this plugin. Write at most that many bytes of each row.
  let stride = Int(UnsafeRawPointer(out).loadUnaligned(as: UInt32.self))
  guard stride >= MemoryLayout<UInt32>.size else {
    throw PluginError.invalidArgument("result array element struct_size \(stride) is too small")
  }
  let base = UnsafeMutableRawPointer(out)
  for (index, row) in rows.enumerated() {
    var value = convert(row, index)
    withUnsafeBytes(of: &value) { source in
      let length = min(stride, source.count)
      let target = base + index * stride
      target.copyMemory(from: source.baseAddress!, byteCount: length)
      target.storeBytes(of: UInt32(length), as: UInt32.self)
    }
  }
  return th_status(TH_OK)
}
