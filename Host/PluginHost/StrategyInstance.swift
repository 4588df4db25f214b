import CTradeHostPlugin
import PluginManifest

/// A live strategy instance: the host's handle on a strategy plugin's object.
///
/// Created by `PluginRegistry.makeStrategy` on the loader thread; its market and order callbacks
/// run on the kernel thread, one at a time, and make no allocation in the host. Dropping the last
/// reference destroys the plugin's instance (and the indicators and models it created).
public final class StrategyInstance {
  let core: InstanceCore
  private let vtable: UnsafePointer<th_strategy_vtable>

  init(core: InstanceCore, vtable: UnsafePointer<th_strategy_vtable>) {
    self.core = core
    self.vtable = vtable
  }

  /// The plugin this is an instance of.
  public var plugin: LoadedPlugin { core.plugin }
  /// The host context (its label can name a slot).
  public var context: InstanceContext { core.context }
  /// The parameters the instance was created with: the manifest's defaults with the slot's
  /// overrides applied, in the manifest's order.
  public var parameters: [ResolvedParameter] { core.parameters }

  /// [kernel-thread] A bar closed.
  @inline(__always)
  public func onBar(_ bar: th_bar) throws(PluginCallError) {
    var bar = bar
    let status = vtable.pointee.on_bar!(core.instance, &bar, core.error.reset())
    try core.error.check(status, plugin: core.plugin.id, operation: "on_bar")
  }

  /// [kernel-thread] A quote changed (ignored when the plugin does not take quotes).
  public func onQuote(_ quote: th_quote) throws(PluginCallError) {
    guard let onQuote = vtable.pointee.on_quote else { return }
    var quote = quote
    let status = onQuote(core.instance, &quote, core.error.reset())
    try core.error.check(status, plugin: core.plugin.id, operation: "on_quote")
  }

  /// [kernel-thread] A trade printed (ignored when the plugin does not take trades).
  public func onTrade(_ trade: th_trade) throws(PluginCallError) {
    guard let onTrade = vtable.pointee.on_trade else { return }
    var trade = trade
    let status = onTrade(core.instance, &trade, core.error.reset())
    try core.error.check(status, plugin: core.plugin.id, operation: "on_trade")
  }

  /// [kernel-thread] One of the instance's orders changed state.
  public func deliver(_ event: th_order_event) throws(PluginCallError) {
    guard let onOrderEvent = vtable.pointee.on_order_event else { return }
    var event = event
    let status = onOrderEvent(core.instance, &event, core.error.reset())
    try core.error.check(status, plugin: core.plugin.id, operation: "on_order_event")
  }

  /// The format version of the exported state (0: the strategy keeps none).
  public var stateVersion: UInt32 { vtable.pointee.state_version }

  /// [kernel-thread] The instance's state, with its format version.
  public func exportState() throws(PluginCallError) -> (version: UInt32, bytes: [UInt8]) {
    guard let export = vtable.pointee.export_state else { return (stateVersion, []) }
    return (stateVersion, try core.exportState(export))
  }

  /// [kernel-thread] Replaces the instance's state.
  public func importState(version: UInt32, bytes: [UInt8]) throws(PluginCallError) {
    guard let importer = vtable.pointee.import_state else {
      throw PluginCallError(
        plugin: core.plugin.id, operation: "import_state", status: th_status(TH_ERR_UNSUPPORTED),
        message: "the strategy does not import state")
    }
    try core.importState(version: version, bytes: bytes, importer)
  }
}
