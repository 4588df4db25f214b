import CTradeHostPlugin

/// A plugin call that returned an error status, or an instance that could not be created.
///
/// Names the plugin, the operation and the plugin's own message. The host reports it and goes
/// on: a plugin's error never takes the host down.
public struct PluginCallError: Error, CustomStringConvertible, Sendable, Equatable {
  /// The manifest id of the plugin.
  public let plugin: String
  /// What the host was doing ("create", "on_bar", "unknown plugin", ...).
  public let operation: String
  /// The ABI status (`TH_ERR_*`), or nil when the host refused before calling the plugin.
  public let status: th_status?
  /// The plugin's or the host's message.
  public let message: String

  public init(plugin: String, operation: String, status: th_status?, message: String) {
    self.plugin = plugin
    self.operation = operation
    self.status = status
    self.message = message
  }

  public var description: String {
    if let status {
      return "\(plugin): \(operation) failed (\(Self.statusName(status))): \(message)"
    }
    return "\(plugin): \(operation): \(message)"
  }

  /// The constant name of a status code.
  public static func statusName(_ status: th_status) -> String {
    switch Int(status) {
    case Int(TH_OK): "TH_OK"
    case Int(TH_ERR_INVALID_ARGUMENT): "TH_ERR_INVALID_ARGUMENT"
    case Int(TH_ERR_INVALID_STATE): "TH_ERR_INVALID_STATE"
    case Int(TH_ERR_UNSUPPORTED): "TH_ERR_UNSUPPORTED"
    case Int(TH_ERR_BUFFER_TOO_SMALL): "TH_ERR_BUFFER_TOO_SMALL"
    case Int(TH_ERR_STATE_VERSION): "TH_ERR_STATE_VERSION"
    case Int(TH_ERR_NOT_FOUND): "TH_ERR_NOT_FOUND"
    case Int(TH_ERR_IO): "TH_ERR_IO"
    case Int(TH_ERR_REJECTED): "TH_ERR_REJECTED"
    case Int(TH_ERR_DUPLICATE): "TH_ERR_DUPLICATE"
    case Int(TH_ERR_INTERNAL): "TH_ERR_INTERNAL"
    default: "status \(status)"
    }
  }
}

/// A host-allocated `th_error` record reused for every call on one instance (no allocation per
/// call). Owned by one instance wrapper; used on the thread that calls that instance.
final class ErrorRecord {
  let pointer: UnsafeMutablePointer<th_error>

  init() {
    pointer = .allocate(capacity: 1)
    pointer.initialize(to: th_error())
    pointer.pointee.struct_size = UInt32(MemoryLayout<th_error>.size)
  }

  deinit { pointer.deallocate() }

  /// Clears the message before a call.
  @inline(__always)
  func reset() -> UnsafeMutablePointer<th_error> {
    pointer.pointee.message.0 = 0
    pointer.pointee.code = 0
    return pointer
  }

  /// The message the plugin wrote (NUL-terminated within the buffer, or cut at its end).
  var message: String {
    withUnsafeBytes(of: &pointer.pointee.message) { raw in
      let text = String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
      return text.isEmpty ? "(the plugin gave no message)" : text
    }
  }

  /// Throws a `PluginCallError` for a failed status.
  @inline(__always)
  func check(_ status: th_status, plugin: String, operation: StaticString) throws(PluginCallError) {
    guard status != th_status(TH_OK) else { return }
    throw PluginCallError(
      plugin: plugin, operation: "\(operation)", status: status, message: message)
  }
}
