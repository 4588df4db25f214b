/// A trading strategy written in Swift.
///
/// Conform one `final class` to this protocol and export it with one line:
/// ```swift
/// @_cdecl("tradehost_plugin_entry")
/// public func entry() -> UnsafeRawPointer { PluginExport.strategy(MyStrategy.self, id: "my", version: "1.0.0") }
/// ```
///
/// Implementation requirements:
/// - `init` runs on the loader thread; it may allocate and create indicators and models through
///   `host`.
/// - Every `on…` method runs on the kernel thread, one at a time, on the path from a market event
///   to an order decision: never block, sleep or do I/O, and avoid allocating.
/// - Act only by submitting order intents through `HostContext.submit`; their fate (accepted,
///   denied by risk with a reason, filled, cancelled) arrives in `onOrderEvent`.
/// - Throwing is reported to the host as an error status with the message; it does not unwind
///   into the host. A trap (`fatalError`, force-unwrap of nil) kills the host process: don't.
public protocol StrategyPlugin: StatefulPlugin {
  /// Creates an instance with resolved parameters.
  init(host: HostContext, parameters: PluginParameters) throws
  /// A bar closed.
  func onBar(_ bar: Bar) throws
  /// A quote changed (default: ignored).
  func onQuote(_ quote: Quote) throws
  /// A trade printed (default: ignored).
  func onTrade(_ trade: Trade) throws
  /// One of this instance's orders changed state (default: ignored).
  func onOrderEvent(_ event: OrderEvent) throws
}

extension StrategyPlugin {
  public func onQuote(_ quote: Quote) throws {}
  public func onTrade(_ trade: Trade) throws {}
  public func onOrderEvent(_ event: OrderEvent) throws {}
}

typealias StrategyBox = InstanceBox<any StrategyPlugin>

/// The strategy type this image exports and its descriptor; set once by `PluginExport.strategy`
/// (thread-safe, see `ExportedPlugin`).
private let exportedStrategy = ExportedPlugin<any StrategyPlugin.Type>()

extension PluginExport {
  /// The descriptor for a strategy plugin; call it from the image's entry function.
  public static func strategy(
    _ type: any StrategyPlugin.Type, id: String, version: String
  ) -> UnsafeRawPointer {
    exportedStrategy.descriptor(for: type) {
      let vtable = UnsafeMutablePointer<th_strategy_vtable>.allocate(capacity: 1)
      vtable.initialize(to: makeStrategyVTable(stateVersion: type.stateVersion))
      return makeDescriptor(
        kind: Int32(TH_KIND_STRATEGY), id: id, version: version, vtable: UnsafeRawPointer(vtable))
    }
  }
}

private func makeStrategyVTable(stateVersion: UInt32) -> th_strategy_vtable {
  var table = th_strategy_vtable()
  table.struct_size = UInt32(MemoryLayout<th_strategy_vtable>.size)
  table.state_version = stateVersion
  table.create = { api, context, params, count, out, error in
    catchingErrors(error) {
      guard let api, let out, let type = exportedStrategy.type else {
        throw PluginError.invalidArgument("create called without a host table or output pointer")
      }
      let plugin = try type.init(
        host: HostContext(api: api, context: context),
        parameters: PluginParameters(params, count: count))
      out.pointee = StrategyBox.retain(plugin)
    }
  }
  table.destroy = { instance in StrategyBox.release(instance) }
  table.on_bar = { instance, bar, error in
    StrategyBox.with(instance) { box in
      catchingErrors(error) {
        // A host before ABI 1.4 passes a shorter bar: its `aggregation` and `step` read as 0.
        var copy = th_bar()
        try copyHostStruct(bar, into: &copy, name: "th_bar", minimumSize: Int(TH_BAR_SIZE_1_0))
        try box.plugin.onBar(copy)
      }
    }
  }
  table.on_quote = { instance, quote, error in
    StrategyBox.with(instance) { box in
      catchingErrors(error) { try box.plugin.onQuote(try nonNull(quote, "quote").pointee) }
    }
  }
  table.on_trade = { instance, trade, error in
    StrategyBox.with(instance) { box in
      catchingErrors(error) { try box.plugin.onTrade(try nonNull(trade, "trade").pointee) }
    }
  }
  table.on_order_event = { instance, event, error in
    StrategyBox.with(instance) { box in
      catchingErrors(error) { try box.plugin.onOrderEvent(try nonNull(event, "event").pointee) }
    }
  }
  table.export_state = { instance, buffer, capacity, length, error in
    StrategyBox.with(instance) { box in
      exportStateShim(
        box, { try box.plugin.exportState(into: &$0) }, buffer, capacity, length, error)
    }
  }
  table.import_state = { instance, version, data, length, error in
    StrategyBox.with(instance) { box in
      importStateShim(data, length, error) {
        try box.plugin.importState(from: &$0, version: version)
      }
    }
  }
  return table
}

/// Unwraps a pointer the host passed, refusing NULL with an error instead of trapping.
@inline(__always)
func nonNull<T>(_ pointer: UnsafePointer<T>?, _ name: StaticString) throws -> UnsafePointer<T> {
  guard let pointer else { throw PluginError.invalidArgument("\(name) pointer is NULL") }
  return pointer
}
