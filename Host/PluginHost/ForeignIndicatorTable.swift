#if canImport(Glibc)
  import Glibc
#endif
import CTradeHostPlugin
import PluginManifest

/// The `th_indicator_vtable` the host builds for a foreign C library: its functions are the
/// host's own, each forwarding to the `ForeignIndicator` behind the instance pointer. A handle a
/// strategy holds calls them as it calls any indicator plugin's.
enum ForeignIndicatorTable {
  /// A new table with these outputs and input (never freed: tables live as long as the process).
  static func make(outputs: [String], input: IndicatorInput) -> UnsafePointer<th_indicator_vtable> {
    let names = UnsafeMutablePointer<UnsafePointer<CChar>?>.allocate(capacity: outputs.count)
    for (index, name) in outputs.enumerated() { names[index] = UnsafePointer(strdup(name)) }
    var table = th_indicator_vtable()
    table.struct_size = UInt32(MemoryLayout<th_indicator_vtable>.size)
    table.state_version = 0
    table.input = UInt32(input == .bar ? TH_INDICATOR_INPUT_BAR : TH_INDICATOR_INPUT_VALUE)
    table.output_count = UInt32(outputs.count)
    table.output_names = UnsafePointer(names)
    table.create = { _, _, _, _, _, error in
      // Instances are made by the host (`ForeignBinding.makeInstance`), never through here.
      error?.pointee.code = th_status(TH_ERR_UNSUPPORTED)
      return th_status(TH_ERR_UNSUPPORTED)
    }
    table.destroy = { instance in
      guard let instance else { return }
      Unmanaged<ForeignIndicator>.fromOpaque(instance).release()
    }
    table.update_bar = { instance, bar in
      guard let instance, let bar else { return }
      // Only the ABI 1.0 fields are read: a caller built before 1.4 passes 56 bytes.
      let raw = UnsafeRawPointer(bar)
      var fields = th_bar()
      fields.open = raw.load(fromByteOffset: 16, as: Double.self)
      fields.high = raw.load(fromByteOffset: 24, as: Double.self)
      fields.low = raw.load(fromByteOffset: 32, as: Double.self)
      fields.close = raw.load(fromByteOffset: 40, as: Double.self)
      fields.volume = raw.load(fromByteOffset: 48, as: Double.self)
      ForeignIndicatorTable.borrow(instance) { $0.update(fields) }
    }
    table.update_value = { instance, _, value in
      guard let instance else { return }
      ForeignIndicatorTable.borrow(instance) { $0.update(value: value) }
    }
    table.value = { instance, index in
      guard let instance else { return .nan }
      return ForeignIndicatorTable.borrow(UnsafeMutableRawPointer(mutating: instance)) {
        Int(index) < $0.outputCount ? $0.value(Int(index)) : .nan
      }
    }
    table.is_ready = { instance in
      guard let instance else { return 0 }
      return ForeignIndicatorTable.borrow(UnsafeMutableRawPointer(mutating: instance)) { $0.isReady ? 1 : 0 }
    }
    table.warmup_count = { instance in
      guard let instance else { return 0 }
      return ForeignIndicatorTable.borrow(UnsafeMutableRawPointer(mutating: instance)) { UInt32(clamping: $0.warmupCount) }
    }
    table.reset = { instance in
      guard let instance else { return }
      ForeignIndicatorTable.borrow(instance) { $0.reset() }
    }
    let pointer = UnsafeMutablePointer<th_indicator_vtable>.allocate(capacity: 1)
    pointer.initialize(to: table)
    return UnsafePointer(pointer)
  }

  /// Runs `body` on the instance behind a pointer, borrowed: no retain/release per call (the
  /// instance lives until `destroy`).
  @inline(__always)
  fileprivate static func borrow<R>(
    _ instance: UnsafeMutableRawPointer, _ body: (ForeignIndicator) -> R
  ) -> R {
    Unmanaged<ForeignIndicator>.fromOpaque(instance)._withUnsafeGuaranteedRef(body)
  }
}
