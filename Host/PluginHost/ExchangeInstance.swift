import CTradeHostPlugin

/// A live exchange adapter instance.
///
/// Created, connected and queried on the loader thread; `submit`, `cancel`, `amend` and
/// `subscribe` may be called from any one thread at a time; `poll` runs on the kernel thread.
/// Events the adapter emits reach the environment's `venueEvent`.
public final class ExchangeInstance {
  let core: InstanceCore
  private let vtable: UnsafePointer<th_exchange_vtable>
  private var connected = false

  init(core: InstanceCore, vtable: UnsafePointer<th_exchange_vtable>) {
    self.core = core
    self.vtable = vtable
  }

  deinit {
    if connected { vtable.pointee.disconnect!(core.instance) }
  }

  /// The plugin this is an instance of.
  public var plugin: LoadedPlugin { core.plugin }
  /// What the adapter declared it can do.
  public var capabilities: th_exchange_capabilities { core.plugin.capabilities ?? .init() }
  /// Whether the adapter is driven by the host's clock through `poll`.
  public var isPolled: Bool { vtable.pointee.poll != nil }
  /// Whether the adapter takes the host's market events (`on_market_event`, ABI 1.2; a 1.0 or
  /// 1.1 table reads as NULL).
  public var receivesMarketEvents: Bool { vtable.pointee.on_market_event != nil }

  /// Opens the session.
  public func connect(config: [(String, String)] = []) throws(PluginCallError) {
    let status = withKeyValueArray(config) { pairs, count in
      vtable.pointee.connect!(core.instance, pairs, count, core.error.reset())
    }
    try core.error.check(status, plugin: core.plugin.id, operation: "connect")
    connected = true
  }

  /// Closes the session.
  public func disconnect() {
    guard connected else { return }
    vtable.pointee.disconnect!(core.instance)
    connected = false
  }

  /// Streams data types (`TH_DATA_*`) for a symbol, tagged with the host's instrument id.
  public func subscribe(symbol: String, instrumentID: UInt32, dataTypes: UInt32)
    throws(PluginCallError)
  {
    let status = symbol.withCString {
      vtable.pointee.subscribe!(core.instance, $0, instrumentID, dataTypes, core.error.reset())
    }
    try core.error.check(status, plugin: core.plugin.id, operation: "subscribe")
  }

  /// Sends an order (idempotent by `client_order_id`).
  public func submit(_ order: th_venue_order, symbol: String) throws(PluginCallError) {
    var order = order
    order.struct_size = UInt32(MemoryLayout<th_venue_order>.size)
    let status = symbol.withCString { symbol in
      order.symbol = symbol
      return vtable.pointee.submit_order!(core.instance, &order, core.error.reset())
    }
    try core.error.check(status, plugin: core.plugin.id, operation: "submit_order")
  }

  /// Asks to cancel an order.
  public func cancel(clientOrderID: UInt64) throws(PluginCallError) {
    try cancel(clientOrderID: clientOrderID, using: core.error)
  }

  /// Asks to cancel an order, the adapter's error written to `record` (`cancel_order` is an
  /// any-thread call: a caller beside the instance's usual thread brings its own record).
  func cancel(clientOrderID: UInt64, using record: ErrorRecord) throws(PluginCallError) {
    let status = vtable.pointee.cancel_order!(core.instance, clientOrderID, record.reset())
    try record.check(status, plugin: core.plugin.id, operation: "cancel_order")
  }

  /// Changes an order (NaN leaves a field unchanged); unsupported unless the adapter amends.
  public func amend(
    clientOrderID: UInt64, quantity: Double = .nan, limitPrice: Double = .nan,
    stopPrice: Double = .nan
  ) throws(PluginCallError) {
    guard let amend = vtable.pointee.amend_order else {
      throw PluginCallError(
        plugin: core.plugin.id, operation: "amend_order", status: th_status(TH_ERR_UNSUPPORTED),
        message: "the adapter does not amend orders")
    }
    let status = amend(
      core.instance, clientOrderID, quantity, limitPrice, stopPrice, core.error.reset())
    try core.error.check(status, plugin: core.plugin.id, operation: "amend_order")
  }

  /// [kernel-thread] Advances a clock-driven adapter to `now` (no-op for the others).
  public func poll(now: Int64) throws(PluginCallError) {
    guard let poll = vtable.pointee.poll else { return }
    let status = poll(core.instance, now, core.error.reset())
    try core.error.check(status, plugin: core.plugin.id, operation: "poll")
  }

  /// [kernel-thread] Feeds a market event of one of the adapter's instruments (no-op for an
  /// adapter without `on_market_event`). Allocates nothing unless the adapter fails.
  @inline(__always)
  public func marketEvent(_ event: UnsafePointer<th_venue_event>) throws(PluginCallError) {
    guard let feed = vtable.pointee.on_market_event else { return }
    let status = feed(core.instance, event, core.error.reset())
    try core.error.check(status, plugin: core.plugin.id, operation: "on_market_event")
  }

  /// Cash balances at the venue.
  public func balances() throws(PluginCallError) -> [th_balance] {
    try query("query_balances", th_balance()) { out, capacity, count, error in
      vtable.pointee.query_balances!(core.instance, out, capacity, count, error)
    }
  }

  /// Positions at the venue.
  public func positions() throws(PluginCallError) -> [th_venue_position] {
    try query("query_positions", th_venue_position()) { out, capacity, count, error in
      vtable.pointee.query_positions!(core.instance, out, capacity, count, error)
    }
  }

  /// Open orders at the venue (their `symbol` pointers are cleared: they belong to the adapter).
  /// An adapter built before ABI 1.3 writes its shorter `th_venue_order`s (no links): the host's
  /// array then has that stride, and the links read as 0.
  public func openOrders() throws(PluginCallError) -> [th_venue_order] {
    let stride =
      core.plugin.abiMinor < 3
      ? Int(TH_VENUE_ORDER_SIZE_1_2) : MemoryLayout<th_venue_order>.size
    let orders = try query("query_open_orders", th_venue_order(), stride: stride) {
      out, capacity, count, error in
      vtable.pointee.query_open_orders!(core.instance, out, capacity, count, error)
    }
    return orders.map { order in
      var copy = order
      copy.symbol = nil
      return copy
    }
  }

  /// The host-allocated array protocol: try with a buffer, grow it to the reported count, retry.
  /// Each element is `stride` bytes (the adapter's size of `T`, at most the host's), its
  /// `struct_size` set to `stride`; a result reads as far as `stride` goes, the rest zero.
  private func query<T>(
    _ operation: StaticString, _ empty: T, stride: Int = MemoryLayout<T>.size,
    _ call: (
      UnsafeMutablePointer<T>?, UInt32, UnsafeMutablePointer<UInt32>?,
      UnsafeMutablePointer<th_error>?
    )
      -> th_status
  ) throws(PluginCallError) -> [T] {
    precondition(stride >= MemoryLayout<UInt32>.size && stride <= MemoryLayout<T>.size)
    var capacity = 16
    for _ in 0..<4 {
      // Room for `capacity` whole `T`s, whatever the stride (the binding below covers that).
      let bytes = capacity * MemoryLayout<T>.stride
      let buffer = UnsafeMutableRawPointer.allocate(
        byteCount: bytes, alignment: MemoryLayout<T>.alignment)
      defer { buffer.deallocate() }
      buffer.initializeMemory(as: UInt8.self, repeating: 0, count: bytes)
      for index in 0..<capacity {
        buffer.storeBytes(of: UInt32(stride), toByteOffset: index * stride, as: UInt32.self)
      }
      var count: UInt32 = 0
      // The adapter sees an array of `T` whose elements are `stride` bytes apart.
      let elements = buffer.bindMemory(to: T.self, capacity: capacity)
      let status = call(elements, UInt32(capacity), &count, core.error.reset())
      if status == th_status(TH_ERR_BUFFER_TOO_SMALL), count > capacity, count <= 1_000_000 {
        capacity = Int(count)
        continue
      }
      try core.error.check(status, plugin: core.plugin.id, operation: operation)
      guard count <= capacity else {
        throw PluginCallError(
          plugin: core.plugin.id, operation: "\(operation)", status: status,
          message: "reported \(count) results in a buffer of \(capacity)")
      }
      return (0..<Int(count)).map { index in
        var value = empty
        withUnsafeMutableBytes(of: &value) { target in
          target.baseAddress!.copyMemory(from: buffer + index * stride, byteCount: stride)
        }
        return value
      }
    }
    throw PluginCallError(
      plugin: core.plugin.id, operation: "\(operation)", status: th_status(TH_ERR_BUFFER_TOO_SMALL),
      message: "kept asking for a larger buffer")
  }
}

/// Calls `body` with a C array of key/value pairs valid for the call.
func withKeyValueArray<R>(_ pairs: [(String, String)], _ body: (UnsafePointer<th_kv>?, UInt32) -> R)
  -> R
{
  let list = CParameterStrings(pairs.flatMap { [$0.0, $0.1] })
  let array = pairs.indices.map { index in
    th_kv(
      struct_size: UInt32(MemoryLayout<th_kv>.size), reserved: 0,
      key: list.pointer(2 * index), value: list.pointer(2 * index + 1))
  }
  return withExtendedLifetime(list) {
    array.withUnsafeBufferPointer { body($0.baseAddress, UInt32($0.count)) }
  }
}
