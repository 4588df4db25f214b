import Synchronization

/// What an indicator consumes (`th_indicator_vtable.input`).
public enum IndicatorInputKind: UInt32, Sendable {
  /// Whole bars (`TH_INDICATOR_INPUT_BAR`): true range, volume-weighted, high/low indicators.
  case bar = 1
  /// One value per step (`TH_INDICATOR_INPUT_VALUE`): a close, a spread, another output.
  case value = 2
}

/// A technical indicator written in Swift: a function of a bar or value series.
///
/// Conform one `final class` and export it from the entry function:
/// ```swift
/// @_cdecl("tradehost_plugin_entry")
/// public func entry() -> UnsafeRawPointer { PluginExport.indicator(MyEMA.self, id: "my-ema", version: "1.0.0") }
/// ```
///
/// Implementation requirements:
/// - `init` runs on the loader thread and may allocate (ring buffers, tables).
/// - `update`, `value`, `isReady`, `warmupCount` and `reset` run on the kernel thread, one call at
///   a time, once per market event of every strategy that uses the indicator: never block, never
///   allocate, never throw. Bad input (NaN) is the caller's business; an indicator may let it
///   propagate but must not trap.
/// - `value(_:)` returns NaN while `isReady` is false and for an index at or above
///   `outputNames.count` (PluginKit already answers NaN for such an index without calling you).
/// - `warmupCount` is the number of inputs after which `isReady` turns true.
public protocol IndicatorPlugin: StatefulPlugin {
  /// What the indicator consumes (default `.value`).
  static var input: IndicatorInputKind { get }
  /// Names of the outputs, main output first (default `["value"]`). Read once at load.
  static var outputNames: [String] { get }

  /// Creates an instance with resolved parameters.
  init(host: HostContext, parameters: PluginParameters) throws
  /// Feeds a bar (default: feeds the close as a value, for value-input indicators).
  func update(bar: Bar)
  /// Feeds one value observed at `timestamp` (ns since the epoch).
  func update(value: Double, at timestamp: Int64)
  /// Output `index`; NaN while not ready.
  func value(_ index: Int) -> Double
  /// Whether the outputs are valid.
  var isReady: Bool { get }
  /// Inputs needed before the indicator is ready.
  var warmupCount: Int { get }
  /// Forgets every input, as if just created.
  func reset()
}

extension IndicatorPlugin {
  public static var input: IndicatorInputKind { .value }
  public static var outputNames: [String] { ["value"] }

  @inline(__always)
  public func update(bar: Bar) { update(value: bar.close, at: bar.ts_event) }
}

typealias IndicatorBox = InstanceBox<any IndicatorPlugin>

/// The indicator type this image exports and its descriptor, and its output count; set once
/// by `PluginExport.indicator` (thread-safe, see `ExportedPlugin`; the count is an atomic read
/// with a relaxed load by `value`, which runs on every update).
private let exportedIndicator = ExportedPlugin<any IndicatorPlugin.Type>()
private let indicatorOutputCount = Atomic<UInt32>(0)

extension PluginExport {
  /// The descriptor for an indicator plugin; call it from the image's entry function.
  public static func indicator(
    _ type: any IndicatorPlugin.Type, id: String, version: String
  ) -> UnsafeRawPointer {
    exportedIndicator.descriptor(for: type) {
      let names = type.outputNames.isEmpty ? ["value"] : type.outputNames
      indicatorOutputCount.store(UInt32(names.count), ordering: .relaxed)
      let nameArray = UnsafeMutablePointer<UnsafePointer<CChar>?>.allocate(capacity: names.count)
      nameArray.initialize(from: names.map { permanentCString($0) }, count: names.count)
      let vtable = UnsafeMutablePointer<th_indicator_vtable>.allocate(capacity: 1)
      vtable.initialize(
        to: makeIndicatorVTable(
          stateVersion: type.stateVersion, input: type.input, outputNames: UnsafePointer(nameArray),
          outputCount: UInt32(names.count)))
      return makeDescriptor(
        kind: Int32(TH_KIND_INDICATOR), id: id, version: version, vtable: UnsafeRawPointer(vtable))
    }
  }
}

private func makeIndicatorVTable(
  stateVersion: UInt32, input: IndicatorInputKind,
  outputNames: UnsafePointer<UnsafePointer<CChar>?>, outputCount: UInt32
) -> th_indicator_vtable {
  var table = th_indicator_vtable()
  table.struct_size = UInt32(MemoryLayout<th_indicator_vtable>.size)
  table.state_version = stateVersion
  table.input = input.rawValue
  table.output_count = outputCount
  table.output_names = outputNames
  table.create = { api, context, params, count, out, error in
    catchingErrors(error) {
      guard let api, let out, let type = exportedIndicator.type else {
        throw PluginError.invalidArgument("create called without a host table or output pointer")
      }
      let plugin = try type.init(
        host: HostContext(api: api, context: context),
        parameters: PluginParameters(params, count: count))
      out.pointee = IndicatorBox.retain(plugin)
    }
  }
  table.destroy = { instance in IndicatorBox.release(instance) }
  table.update_bar = { instance, bar in
    guard let bar else { return }
    IndicatorBox.with(instance) { box in box.plugin.update(bar: readBar(bar)) }
  }
  table.update_value = { instance, timestamp, value in
    IndicatorBox.with(instance) { box in box.plugin.update(value: value, at: timestamp) }
  }
  table.value = { instance, index in
    guard index < indicatorOutputCount.load(ordering: .relaxed) else { return .nan }
    return IndicatorBox.with(instance) { box in box.plugin.value(Int(index)) }
  }
  table.is_ready = { instance in
    IndicatorBox.with(instance) { box in box.plugin.isReady ? 1 : 0 }
  }
  table.warmup_count = { instance in
    IndicatorBox.with(instance) { box in UInt32(clamping: box.plugin.warmupCount) }
  }
  table.reset = { instance in IndicatorBox.with(instance) { box in box.plugin.reset() } }
  table.export_state = { instance, buffer, capacity, length, error in
    IndicatorBox.with(instance) { box in
      exportStateShim(
        box, { try box.plugin.exportState(into: &$0) }, buffer, capacity, length, error)
    }
  }
  table.import_state = { instance, version, data, length, error in
    IndicatorBox.with(instance) { box in
      importStateShim(data, length, error) {
        try box.plugin.importState(from: &$0, version: version)
      }
    }
  }
  return table
}
