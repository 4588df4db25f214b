import CTradeHostPlugin
import PluginManifest

/// The host's own copy of a plugin's vtable, by kind.
///
/// The loader zero-fills a host-allocated table and copies `min(struct_size, sizeof)` bytes from
/// the plugin's, so fields a newer plugin appends are ignored. The copies live as long as the
/// process (the images do too), so their pointers can be handed to other plugins in indicator and
/// model handles.
public enum PluginVTable: @unchecked Sendable {
  // @unchecked: the tables are written once by the loader and only read afterwards.
  case strategy(UnsafePointer<th_strategy_vtable>)
  case indicator(UnsafePointer<th_indicator_vtable>)
  case model(UnsafePointer<th_model_vtable>)
  case exchange(UnsafePointer<th_exchange_vtable>)

  /// The kind the table belongs to.
  public var kind: PluginKind {
    switch self {
    case .strategy: .strategy
    case .indicator: .indicator
    case .model: .model
    case .exchange: .exchange
    }
  }

  /// Copies and checks the vtable a descriptor points to.
  static func copy(_ source: UnsafeRawPointer, kind: PluginKind) throws(PluginLoadError.Cause)
    -> PluginVTable
  {
    switch kind {
    case .strategy:
      typealias T = th_strategy_vtable
      let raw = try copyTable(
        source, as: T.self, name: "th_strategy_vtable",
        fields: [
          ("create", offset(\T.create), true), ("destroy", offset(\T.destroy), true),
          ("on_bar", offset(\T.on_bar), true), ("on_quote", offset(\T.on_quote), false),
          ("on_trade", offset(\T.on_trade), false),
          ("on_order_event", offset(\T.on_order_event), false),
          ("export_state", offset(\T.export_state), false),
          ("import_state", offset(\T.import_state), false),
        ])
      let table = raw.assumingMemoryBound(to: T.self)
      if table.pointee.state_version > 0 {
        try requireNonNull(raw, "th_strategy_vtable", "export_state", offset(\T.export_state))
        try requireNonNull(raw, "th_strategy_vtable", "import_state", offset(\T.import_state))
      }
      return .strategy(UnsafePointer(table))
    case .indicator:
      typealias T = th_indicator_vtable
      let raw = try copyTable(
        source, as: T.self, name: "th_indicator_vtable",
        fields: [
          ("output_names", offset(\T.output_names), true), ("create", offset(\T.create), true),
          ("destroy", offset(\T.destroy), true), ("update_bar", offset(\T.update_bar), true),
          ("update_value", offset(\T.update_value), true), ("value", offset(\T.value), true),
          ("is_ready", offset(\T.is_ready), true),
          ("warmup_count", offset(\T.warmup_count), true), ("reset", offset(\T.reset), true),
          ("export_state", offset(\T.export_state), false),
          ("import_state", offset(\T.import_state), false),
        ])
      let table = raw.assumingMemoryBound(to: T.self)
      guard table.pointee.output_count >= 1 else {
        throw .functionMissing(
          table: "th_indicator_vtable", function: "output_count (must be >= 1)")
      }
      return .indicator(UnsafePointer(table))
    case .model:
      typealias T = th_model_vtable
      let raw = try copyTable(
        source, as: T.self, name: "th_model_vtable",
        fields: [
          ("create", offset(\T.create), true), ("destroy", offset(\T.destroy), true),
          ("feature_count", offset(\T.feature_count), true), ("predict", offset(\T.predict), true),
          ("learn", offset(\T.learn), false), ("export_state", offset(\T.export_state), true),
          ("import_state", offset(\T.import_state), true),
        ])
      return .model(UnsafePointer(raw.assumingMemoryBound(to: T.self)))
    case .exchange:
      typealias T = th_exchange_vtable
      let raw = try copyTable(
        source, as: T.self, name: "th_exchange_vtable",
        fields: [
          ("capabilities", offset(\T.capabilities), true), ("create", offset(\T.create), true),
          ("destroy", offset(\T.destroy), true), ("connect", offset(\T.connect), true),
          ("disconnect", offset(\T.disconnect), true), ("subscribe", offset(\T.subscribe), true),
          ("unsubscribe", offset(\T.unsubscribe), false),
          ("submit_order", offset(\T.submit_order), true),
          ("cancel_order", offset(\T.cancel_order), true),
          ("amend_order", offset(\T.amend_order), false),
          ("query_balances", offset(\T.query_balances), true),
          ("query_positions", offset(\T.query_positions), true),
          ("query_open_orders", offset(\T.query_open_orders), true),
          ("poll", offset(\T.poll), false),
        ])
      return .exchange(UnsafePointer(raw.assumingMemoryBound(to: T.self)))
    }
  }

  private static func offset<T, F>(_ path: KeyPath<T, F>) -> Int {
    MemoryLayout<T>.offset(of: path)!
  }

  /// Zero-fills a host table of type `T` and copies the plugin's `struct_size` bytes into it.
  /// `fields` lists the table's 1.0 pointer fields (name, offset, required); a table whose
  /// `struct_size` ends before any of them is refused naming the first one missing, and a required
  /// field that is NULL is refused by name.
  private static func copyTable<T>(
    _ source: UnsafeRawPointer, as type: T.Type, name: String, fields: [(String, Int, Bool)]
  ) throws(PluginLoadError.Cause) -> UnsafeMutableRawPointer {
    let size = source.loadUnaligned(as: UInt32.self)
    let full = MemoryLayout<T>.size
    let pointerSize = MemoryLayout<UnsafeRawPointer>.size
    if let missing = fields.first(where: { Int(size) < $0.1 + pointerSize }) {
      throw .vtableTooShort(table: name, size: size, minimum: full, missing: missing.0)
    }
    for (field, offset, required) in fields where required {
      try requireNonNull(source, name, field, offset)
    }
    let raw = UnsafeMutableRawPointer.allocate(
      byteCount: full, alignment: MemoryLayout<T>.alignment)
    raw.initializeMemory(as: UInt8.self, repeating: 0, count: full)
    raw.copyMemory(from: source, byteCount: min(Int(size), full))
    return raw
  }

  private static func requireNonNull(
    _ table: UnsafeRawPointer, _ name: String, _ field: String, _ offset: Int
  ) throws(PluginLoadError.Cause) {
    guard table.load(fromByteOffset: offset, as: UnsafeRawPointer?.self) != nil else {
      throw .functionMissing(table: name, function: field)
    }
  }
}
