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
}
