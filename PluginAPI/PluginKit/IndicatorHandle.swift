/// An indicator instance the host created for this plugin (`HostContext.makeIndicator`).
///
/// Calls go straight to the indicator's vtable: no host hop, no allocation. The host owns the
/// instance and destroys it together with the plugin instance that asked for it. Use it on the
/// thread the owning instance is called on.
public struct IndicatorHandle {
  /// The raw handle.
  public let raw: th_indicator_handle
  private let vtable: UnsafePointer<th_indicator_vtable>

  init(_ raw: th_indicator_handle) throws {
    guard let vtable = raw.vtable, raw.instance != nil else {
      throw PluginError.invalidState("the host returned an empty indicator handle")
    }
    self.raw = raw
    self.vtable = vtable
  }

  /// Number of outputs.
  public var outputCount: Int { Int(vtable.pointee.output_count) }

  /// [kernel-thread] Feeds a bar.
  @inline(__always)
  public func update(_ bar: Bar) {
    var bar = bar
    vtable.pointee.update_bar!(raw.instance, &bar)
  }

  /// [kernel-thread] Feeds a value.
  @inline(__always)
  public func update(value: Double, at timestamp: Int64) {
    vtable.pointee.update_value!(raw.instance, timestamp, value)
  }

  /// [kernel-thread] Output `index` (0 = the main output); NaN while warming up.
  @inline(__always)
  public func value(_ index: UInt32 = 0) -> Double {
    vtable.pointee.value!(raw.instance, index)
  }

  /// [kernel-thread] Whether the outputs are valid.
  @inline(__always)
  public var isReady: Bool { vtable.pointee.is_ready!(raw.instance) != 0 }

  /// [kernel-thread] Inputs needed before the indicator is ready.
  public var warmupCount: Int { Int(vtable.pointee.warmup_count!(raw.instance)) }

  /// [kernel-thread] Forgets every input.
  public func reset() { vtable.pointee.reset!(raw.instance) }

  /// The format version of the indicator's exported state (0: it keeps none).
  public var stateVersion: UInt32 { vtable.pointee.state_version }

  /// [kernel-thread] The indicator's state and its format version, straight from the child's
  /// `export_state` (the two-call size protocol). For a plugin's own `exportState`: nest the
  /// bytes with `StateWriter.write(bytes:)` and keep the version beside them.
  ///
  /// Allocates the returned array. Throws `PluginError.unsupported` when the indicator exports
  /// no state, and the child's status and message when its `export_state` fails.
  public func exportState() throws -> (version: UInt32, bytes: [UInt8]) {
    guard let export = vtable.pointee.export_state else {
      throw PluginError.unsupported("indicator \(raw.handle_id) does not export state")
    }
    let bytes = try ChildState.export(
      export, instance: raw.instance, what: "indicator \(raw.handle_id)")
    return (vtable.pointee.state_version, bytes)
  }

  /// [kernel-thread] Replaces the indicator's state with one it exported (`version` is the
  /// format it was written in), through the child's `import_state`.
  ///
  /// Throws `PluginError.unsupported` when the indicator imports no state, and the child's
  /// status and message when it refuses the state (`TH_ERR_STATE_VERSION` for a version it
  /// cannot read, `TH_ERR_INVALID_ARGUMENT` for a malformed state or other parameters). A
  /// refused import leaves the indicator as it was, if the child keeps that promise.
  public func importState(version: UInt32, bytes: [UInt8]) throws {
    guard let importer = vtable.pointee.import_state else {
      throw PluginError.unsupported("indicator \(raw.handle_id) does not import state")
    }
    try ChildState.import(
      importer, instance: raw.instance, version: version, bytes: bytes,
      what: "indicator \(raw.handle_id)")
  }
}
