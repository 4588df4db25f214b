import PluginToolchain

/// State export and import, shared by every plugin kind (hot reload hands state from an old
/// version of a plugin to a new one; models version their weights this way).
///
/// Implementation requirements:
/// - `exportState` and `importState` are called on the kernel thread between two events; they
///   must not block.
/// - `stateVersion` names the format `exportState` writes. `importState` receives the version the
///   state was written with and must either read it (migrating older versions) or throw
///   `PluginError.stateVersion`; the host then warms the new instance from history instead.
public protocol StatefulPlugin: AnyObject {
  /// The format of the exported state; 0 means the plugin keeps no state worth handing over.
  static var stateVersion: UInt32 { get }
  /// Writes the instance's state.
  func exportState(into writer: inout StateWriter) throws
  /// Replaces the instance's state with an exported one.
  func importState(from reader: inout StateReader, version: UInt32) throws
}

extension StatefulPlugin {
  public static var stateVersion: UInt32 { 0 }
  public func exportState(into writer: inout StateWriter) throws {}
  public func importState(from reader: inout StateReader, version: UInt32) throws {
    guard version == Self.stateVersion else {
      throw PluginError.stateVersion(
        "state version \(version) cannot be read (this plugin writes \(Self.stateVersion))")
    }
    try reader.finish()
  }
}

/// The box PluginKit hands the host as an instance pointer: the plugin object, plus the state
/// bytes kept between a too-small export call and the host's retry.
final class InstanceBox<Plugin> {
  let plugin: Plugin
  var pendingState: [UInt8]?
  /// C strings handed to the host by the last open-orders query (exchange adapters); they live
  /// until the next such query or `destroy`.
  var queryStrings: [CStringBox] = []

  init(_ plugin: Plugin) { self.plugin = plugin }

  /// Borrows the box behind an instance pointer without retaining it (no refcount traffic on the
  /// hot path). The host guarantees the pointer is live until `destroy`.
  @inline(__always)
  static func with<R>(_ instance: UnsafeRawPointer?, _ body: (InstanceBox<Plugin>) throws -> R)
    rethrows -> R
  {
    try Unmanaged<InstanceBox<Plugin>>.fromOpaque(instance!)._withUnsafeGuaranteedRef(body)
  }

  /// Transfers a new box to the host.
  static func retain(_ plugin: Plugin) -> UnsafeMutableRawPointer {
    Unmanaged.passRetained(InstanceBox(plugin)).toOpaque()
  }

  /// Ends the host's ownership (`destroy`).
  static func release(_ instance: UnsafeMutableRawPointer?) {
    guard let instance else { return }
    Unmanaged<InstanceBox<Plugin>>.fromOpaque(instance).release()
  }
}

/// Shared body of every kind's `export_state` shim.
func exportStateShim<Plugin>(
  _ box: InstanceBox<Plugin>, _ state: (inout StateWriter) throws -> Void,
  _ buffer: UnsafeMutablePointer<UInt8>?, _ capacity: UInt64,
  _ length: UnsafeMutablePointer<UInt64>?, _ error: UnsafeMutablePointer<th_error>?
) -> th_status {
  var result = th_status(TH_OK)
  let status = catchingErrors(error) {
    let bytes: [UInt8]
    if let pending = box.pendingState {
      bytes = pending
    } else {
      var writer = StateWriter()
      try state(&writer)
      bytes = writer.bytes
    }
    result = deliverState(bytes, into: buffer, capacity: capacity, length: length)
    box.pendingState = result == th_status(TH_ERR_BUFFER_TOO_SMALL) ? bytes : nil
  }
  return status == th_status(TH_OK) ? result : status
}

/// Shared body of every kind's `import_state` shim.
func importStateShim(
  _ data: UnsafePointer<UInt8>?, _ length: UInt64, _ error: UnsafeMutablePointer<th_error>?,
  _ body: (inout StateReader) throws -> Void
) -> th_status {
  catchingErrors(error) {
    guard data != nil || length == 0 else {
      throw PluginError.invalidArgument("state pointer is NULL with length \(length)")
    }
    var reader = StateReader(UnsafeRawBufferPointer(start: data, count: Int(length)))
    try body(&reader)
  }
}

/// A C string that lives as long as the image (descriptor strings).
func permanentCString(_ string: String) -> UnsafePointer<CChar> {
  let utf8 = Array(string.utf8CString)
  let pointer = UnsafeMutablePointer<CChar>.allocate(capacity: utf8.count)
  pointer.initialize(from: utf8, count: utf8.count)
  return UnsafePointer(pointer)
}

/// Builds a descriptor that lives as long as the image.
func makeDescriptor(
  kind: Int32, id: String, version: String, vtable: UnsafeRawPointer
) -> UnsafePointer<th_plugin_descriptor> {
  let descriptor = UnsafeMutablePointer<th_plugin_descriptor>.allocate(capacity: 1)
  descriptor.initialize(
    to: th_plugin_descriptor(
      struct_size: UInt32(MemoryLayout<th_plugin_descriptor>.size),
      abi_major: UInt16(TH_ABI_MAJOR), abi_minor: UInt16(TH_ABI_MINOR), min_host_abi_minor: 0,
      reserved: 0, kind: th_plugin_kind(kind), language: th_language(TH_LANGUAGE_SWIFT),
      plugin_id: permanentCString(id), plugin_version: permanentCString(version),
      toolchain: permanentCString(PluginToolchain.current), vtable: vtable))
  return UnsafePointer(descriptor)
}
