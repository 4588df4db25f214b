import CTradeHostPlugin

/// A live indicator instance.
///
/// Created by `PluginRegistry.makeIndicator` (or for a plugin through the host table) on the
/// loader thread; updated and read on the kernel thread. No call allocates in the host.
public final class IndicatorInstance {
  let core: InstanceCore
  /// The host's copy of the vtable (stable for the process: handed to other plugins in handles).
  let vtable: UnsafePointer<th_indicator_vtable>

  init(core: InstanceCore, vtable: UnsafePointer<th_indicator_vtable>) {
    self.core = core
    self.vtable = vtable
  }

  /// The plugin this is an instance of.
  public var plugin: LoadedPlugin { core.plugin }
  /// Output names, in index order.
  public var outputNames: [String] { core.plugin.outputNames }

  /// [kernel-thread] Feeds a bar.
  @inline(__always)
  public func update(_ bar: th_bar) {
    var bar = bar
    vtable.pointee.update_bar!(core.instance, &bar)
  }

  /// [kernel-thread] Feeds a value.
  @inline(__always)
  public func update(value: Double, at timestamp: Int64) {
    vtable.pointee.update_value!(core.instance, timestamp, value)
  }

  /// [kernel-thread] Output `index`; NaN while warming up or for an index out of range.
  @inline(__always)
  public func value(_ index: Int = 0) -> Double {
    guard index >= 0, index < Int(vtable.pointee.output_count) else { return .nan }
    return vtable.pointee.value!(core.instance, UInt32(index))
  }

  /// [kernel-thread] Whether the outputs are valid.
  public var isReady: Bool { vtable.pointee.is_ready!(core.instance) != 0 }

  /// [kernel-thread] Inputs needed before the indicator is ready.
  public var warmupCount: Int { Int(vtable.pointee.warmup_count!(core.instance)) }

  /// [kernel-thread] Forgets every input.
  public func reset() { vtable.pointee.reset!(core.instance) }

  /// [kernel-thread] The state, with its format version.
  public func exportState() throws(PluginCallError) -> (version: UInt32, bytes: [UInt8]) {
    guard let export = vtable.pointee.export_state else {
      throw PluginCallError(
        plugin: core.plugin.id, operation: "export_state", status: th_status(TH_ERR_UNSUPPORTED),
        message: "the indicator does not export state")
    }
    return (vtable.pointee.state_version, try core.exportState(export))
  }

  /// [kernel-thread] Replaces the state.
  public func importState(version: UInt32, bytes: [UInt8]) throws(PluginCallError) {
    guard let importer = vtable.pointee.import_state else {
      throw PluginCallError(
        plugin: core.plugin.id, operation: "import_state", status: th_status(TH_ERR_UNSUPPORTED),
        message: "the indicator does not import state")
    }
    try core.importState(version: version, bytes: bytes, importer)
  }
}
