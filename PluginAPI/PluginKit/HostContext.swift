/// The host as a plugin instance sees it: the ABI's host table plus the instance's `host_ctx`.
///
/// Given to a plugin's initializer; keep it for the instance's lifetime (it stays valid until the
/// instance is destroyed). Each method states the thread it may be called on, as in the C header.
/// It is a plain value: copying it is free, and calls make no allocation unless they say so.
public struct HostContext {
  /// The host's function table.
  public let api: UnsafePointer<th_host_api>
  /// The opaque per-instance pointer the host passes back to itself.
  public let context: UnsafeMutableRawPointer?

  /// Wraps the pointers received in `create`.
  public init(api: UnsafePointer<th_host_api>, context: UnsafeMutableRawPointer?) {
    self.api = api
    self.context = context
  }

  /// The host's ABI minor: functions of later minors are absent.
  public var abiMinor: UInt16 { api.pointee.abi_minor }

  /// [any-thread] Writes a log line (the host never blocks the caller).
  public func log(_ level: Int32 = Int32(TH_LOG_INFO), _ message: String) {
    guard let log = api.pointee.log else { return }
    message.withCString { log(context, level, $0) }
  }

  /// [any-thread] The host clock's time, ns since the epoch (historical in backtests).
  public var now: Int64 { api.pointee.now_ns?(context) ?? 0 }

  /// [any-thread] Looks up an instrument by symbol or `SYMBOL.VENUE`; nil when unknown.
  public func instrument(_ symbol: String) -> th_instrument_info? {
    guard let lookup = api.pointee.instrument_lookup else { return nil }
    var info = th_instrument_info()
    info.struct_size = UInt32(MemoryLayout<th_instrument_info>.size)
    let status = symbol.withCString { lookup(context, $0, &info) }
    return status == th_status(TH_OK) ? info : nil
  }

  /// [loader-thread] Creates an instance of the indicator plugin with manifest id `id`.
  /// Parameters are given as text and checked by the host against that plugin's manifest.
  public func makeIndicator(_ id: String, parameters: [(String, String)] = []) throws
    -> IndicatorHandle
  {
    guard let create = api.pointee.indicator_create else {
      throw PluginError.unsupported("the host does not create indicators")
    }
    var handle = th_indicator_handle()
    handle.struct_size = UInt32(MemoryLayout<th_indicator_handle>.size)
    try callWithKeyValues(parameters) { pairs, count, error in
      id.withCString { create(context, $0, pairs, count, &handle, error) }
    }
    return try IndicatorHandle(handle)
  }

  /// [loader-thread] Creates an instance of the model plugin with manifest id `id`.
  public func makeModel(_ id: String, parameters: [(String, String)] = []) throws -> ModelHandle {
    guard let create = api.pointee.model_create else {
      throw PluginError.unsupported("the host does not create models")
    }
    var handle = th_model_handle()
    handle.struct_size = UInt32(MemoryLayout<th_model_handle>.size)
    try callWithKeyValues(parameters) { pairs, count, error in
      id.withCString { create(context, $0, pairs, count, &handle, error) }
    }
    return try ModelHandle(handle)
  }

  /// [kernel-thread] Submits an order intent; returns the host's client order id.
  /// The outcome (accepted, denied, filled, ...) arrives through `onOrderEvent`.
  @inline(__always)
  public func submit(_ intent: OrderIntent) throws -> UInt64 {
    var intent = intent
    var orderID: UInt64 = 0
    let status = api.pointee.submit_intent!(context, &intent, &orderID)
    guard status == th_status(TH_OK) else {
      throw PluginError(code: status, "the host refused the order intent (status \(status))")
    }
    return orderID
  }

  /// [kernel-thread] Asks to cancel an open order.
  public func cancel(_ clientOrderID: UInt64) throws {
    let status = api.pointee.cancel_order!(context, clientOrderID)
    guard status == th_status(TH_OK) else {
      throw PluginError(code: status, "cancel of order \(clientOrderID) failed (status \(status))")
    }
  }

  /// Whether the host takes amends (ABI 1.5 `amend_order`; an older host lacks it).
  public var canAmend: Bool {
    api.pointee.struct_size >= UInt32(TH_HOST_API_SIZE_1_5) && api.pointee.amend_order != nil
  }

  /// [kernel-thread] Asks to change a working order: its new total quantity (filled part
  /// included) and prices; `nil` keeps a value. The outcome arrives as `TH_EVENT_AMENDED` or
  /// `TH_EVENT_AMEND_REJECTED`. Throws for an order the instance has no longer open, and on a
  /// host older than ABI 1.5.
  public func amend(
    _ clientOrderID: UInt64, quantity: Double? = nil, limitPrice: Double? = nil,
    stopPrice: Double? = nil
  ) throws {
    guard canAmend else {
      throw PluginError(
        code: th_status(TH_ERR_UNSUPPORTED), "the host is older than ABI 1.5: it cannot amend")
    }
    let status = api.pointee.amend_order!(
      context, clientOrderID, quantity ?? .nan, limitPrice ?? .nan, stopPrice ?? .nan)
    guard status == th_status(TH_OK) else {
      throw PluginError(code: status, "amend of order \(clientOrderID) failed (status \(status))")
    }
  }

  /// [kernel-thread] The calling instance's position in an instrument.
  @inline(__always)
  public func position(_ instrumentID: UInt32) -> Position {
    var position = th_position()
    position.struct_size = UInt32(MemoryLayout<th_position>.size)
    position.instrument_id = instrumentID
    _ = api.pointee.position?(context, instrumentID, &position)
    return position
  }

  /// [any-thread] (exchange adapters) Delivers an event to the host.
  @discardableResult
  public func emit(_ event: th_venue_event) -> th_status {
    var event = event
    return api.pointee.venue_emit?(context, &event) ?? th_status(TH_ERR_UNSUPPORTED)
  }

  private func callWithKeyValues(
    _ parameters: [(String, String)],
    _ body: (UnsafePointer<th_kv>?, UInt32, UnsafeMutablePointer<th_error>) -> th_status
  ) throws {
    var error = th_error()
    error.struct_size = UInt32(MemoryLayout<th_error>.size)
    let status = withKeyValues(parameters) { pairs, count in body(pairs, count, &error) }
    guard status == th_status(TH_OK) else {
      let message = withUnsafeBytes(of: &error.message) { raw in
        String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
      }
      throw PluginError(code: status, message.isEmpty ? "status \(status)" : message)
    }
  }
}

/// Calls `body` with a C array of key/value pairs that lives for the duration of the call.
func withKeyValues<R>(
  _ pairs: [(String, String)], _ body: (UnsafePointer<th_kv>?, UInt32) -> R
) -> R {
  let strings = pairs.flatMap { [$0.0, $0.1] }.map { CStringBox($0) }
  var array: [th_kv] = []
  for index in pairs.indices {
    array.append(
      th_kv(
        struct_size: UInt32(MemoryLayout<th_kv>.size), reserved: 0,
        key: UnsafePointer(strings[2 * index].pointer),
        value: UnsafePointer(strings[2 * index + 1].pointer)))
  }
  return withExtendedLifetime(strings) {
    array.withUnsafeBufferPointer { body($0.baseAddress, UInt32(pairs.count)) }
  }
}

/// A NUL-terminated copy of a string, freed with the box.
final class CStringBox {
  let pointer: UnsafeMutablePointer<CChar>

  init(_ string: String) {
    let utf8 = Array(string.utf8CString)
    pointer = .allocate(capacity: utf8.count)
    pointer.initialize(from: utf8, count: utf8.count)
  }

  deinit { pointer.deallocate() }
}
