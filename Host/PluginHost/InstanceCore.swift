import CTradeHostPlugin
import PluginManifest

/// What every instance wrapper holds: the plugin, its instance pointer, its host context and a
/// reusable error record. Destroys the instance (then its children) when the wrapper dies.
///
/// Created and destroyed on the loader thread. Not thread-safe: one thread calls an instance at
/// a time, as the ABI promises plugins.
final class InstanceCore {
  let plugin: LoadedPlugin
  let context: InstanceContext
  let error = ErrorRecord()
  let instance: UnsafeMutableRawPointer
  /// The parameters `create` received: the manifest's defaults with the overrides applied.
  let parameters: [ResolvedParameter]
  private let destroy: @convention(c) (UnsafeMutableRawPointer?) -> Void

  /// Calls the plugin's `create` with `resolved` parameters (`parameters` is their C array).
  init(
    plugin: LoadedPlugin, context: InstanceContext, resolved: [ResolvedParameter],
    parameters: CParameterList,
    create:
      @convention(c) (
        UnsafePointer<th_host_api>?, UnsafeMutableRawPointer?, UnsafePointer<th_param>?, UInt32,
        UnsafeMutablePointer<UnsafeMutableRawPointer?>?, UnsafeMutablePointer<th_error>?
      ) -> th_status,
    destroy: @escaping @convention(c) (UnsafeMutableRawPointer?) -> Void
  ) throws(PluginCallError) {
    self.plugin = plugin
    self.context = context
    self.destroy = destroy
    self.parameters = resolved
    var instance: UnsafeMutableRawPointer?
    let record = error.reset()
    let status = parameters.withArray { params, count in
      create(HostAPITable.shared, context.opaque, params, count, &instance, record)
    }
    try error.check(status, plugin: plugin.id, operation: "create")
    guard let instance else {
      throw PluginCallError(
        plugin: plugin.id, operation: "create", status: nil,
        message: "create returned TH_OK without an instance")
    }
    self.instance = instance
  }

  /// Wraps an instance the host made itself (a foreign library's, `ForeignBinding`), which
  /// `destroy` ends.
  init(
    plugin: LoadedPlugin, context: InstanceContext, resolved: [ResolvedParameter],
    instance: UnsafeMutableRawPointer,
    destroy: @escaping @convention(c) (UnsafeMutableRawPointer?) -> Void
  ) {
    self.plugin = plugin
    self.context = context
    self.destroy = destroy
    self.parameters = resolved
    self.instance = instance
  }

  deinit {
    destroy(instance)
    context.children.removeAll()
  }

  /// Runs the two-call state export protocol: ask for the size, then fill a buffer of that size.
  func exportState(
    _ export: (
      UnsafeMutableRawPointer?, UnsafeMutablePointer<UInt8>?, UInt64, UnsafeMutablePointer<UInt64>?,
      UnsafeMutablePointer<th_error>?
    ) -> th_status
  ) throws(PluginCallError) -> [UInt8] {
    var length: UInt64 = 0
    var buffer = [UInt8](repeating: 0, count: 256)
    for _ in 0..<4 {
      let capacity = UInt64(buffer.count)
      let record = error.reset()
      let status = buffer.withUnsafeMutableBufferPointer {
        export(instance, $0.baseAddress, capacity, &length, record)
      }
      if status == th_status(TH_ERR_BUFFER_TOO_SMALL), length > capacity {
        guard length <= 1 << 32 else {
          throw PluginCallError(
            plugin: plugin.id, operation: "export_state", status: status,
            message: "asked for \(length) bytes of state; the host allows 4 GiB")
        }
        buffer = [UInt8](repeating: 0, count: Int(length))
        continue
      }
      try error.check(status, plugin: plugin.id, operation: "export_state")
      guard length <= capacity else {
        throw PluginCallError(
          plugin: plugin.id, operation: "export_state", status: status,
          message: "reported \(length) bytes written into a \(capacity)-byte buffer")
      }
      return Array(buffer.prefix(Int(length)))
    }
    throw PluginCallError(
      plugin: plugin.id, operation: "export_state", status: th_status(TH_ERR_BUFFER_TOO_SMALL),
      message: "kept asking for a larger buffer")
  }

  /// Hands a state to the plugin.
  func importState(
    version: UInt32, bytes: [UInt8],
    _ importer: (
      UnsafeMutableRawPointer?, UInt32, UnsafePointer<UInt8>?, UInt64,
      UnsafeMutablePointer<th_error>?
    ) -> th_status
  ) throws(PluginCallError) {
    let record = error.reset()
    let status = bytes.withUnsafeBufferPointer {
      importer(instance, version, $0.baseAddress, UInt64($0.count), record)
    }
    try error.check(status, plugin: plugin.id, operation: "import_state")
  }
}
