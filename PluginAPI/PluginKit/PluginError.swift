/// An error a plugin throws; PluginKit turns it into a `th_status` and a message for the host.
///
/// Any other `Error` a plugin throws becomes `TH_ERR_INTERNAL` with the error's description.
/// Nothing unwinds across the C boundary: the export shims catch everything.
public struct PluginError: Error, CustomStringConvertible, Sendable {
  /// The ABI status code (`TH_ERR_*`).
  public let code: th_status
  /// One sentence for the operator.
  public let message: String

  /// An error with an explicit status code.
  public init(code: th_status, _ message: String) {
    self.code = code
    self.message = message
  }

  public var description: String { message }

  /// A malformed or out-of-range argument (`TH_ERR_INVALID_ARGUMENT`).
  public static func invalidArgument(_ message: String) -> PluginError {
    PluginError(code: th_status(TH_ERR_INVALID_ARGUMENT), message)
  }
  /// A call not allowed in the current state (`TH_ERR_INVALID_STATE`).
  public static func invalidState(_ message: String) -> PluginError {
    PluginError(code: th_status(TH_ERR_INVALID_STATE), message)
  }
  /// Not implemented by this plugin (`TH_ERR_UNSUPPORTED`).
  public static func unsupported(_ message: String) -> PluginError {
    PluginError(code: th_status(TH_ERR_UNSUPPORTED), message)
  }
  /// A state of a version this plugin cannot read (`TH_ERR_STATE_VERSION`).
  public static func stateVersion(_ message: String) -> PluginError {
    PluginError(code: th_status(TH_ERR_STATE_VERSION), message)
  }
  /// Something named does not exist (`TH_ERR_NOT_FOUND`).
  public static func notFound(_ message: String) -> PluginError {
    PluginError(code: th_status(TH_ERR_NOT_FOUND), message)
  }
  /// A refused request (`TH_ERR_REJECTED`).
  public static func rejected(_ message: String) -> PluginError {
    PluginError(code: th_status(TH_ERR_REJECTED), message)
  }
  /// A repeated idempotency key (`TH_ERR_DUPLICATE`).
  public static func duplicate(_ message: String) -> PluginError {
    PluginError(code: th_status(TH_ERR_DUPLICATE), message)
  }
  /// An I/O or network failure (`TH_ERR_IO`).
  public static func io(_ message: String) -> PluginError {
    PluginError(code: th_status(TH_ERR_IO), message)
  }
}

/// Writes `message` into the host's error record, truncated at a UTF-8 character boundary.
func writeError(_ error: UnsafeMutablePointer<th_error>?, code: th_status, message: String) {
  guard let error else { return }
  error.pointee.code = code
  withUnsafeMutableBytes(of: &error.pointee.message) { buffer in
    var utf8 = Array(message.utf8)
    let capacity = buffer.count - 1
    if utf8.count > capacity {
      var end = capacity
      // Step back over continuation bytes so the message stays valid UTF-8.
      while end > 0 && (utf8[end] & 0xC0) == 0x80 { end -= 1 }
      utf8.removeSubrange(end...)
    }
    for (index, byte) in utf8.enumerated() { buffer[index] = byte }
    buffer[utf8.count] = 0
  }
}

/// Runs `body`, mapping a thrown error to a status code and a message in `error`.
///
/// Used by every export shim: no Swift error crosses into C.
@inline(__always)
func catchingErrors(_ record: UnsafeMutablePointer<th_error>?, _ body: () throws -> Void)
  -> th_status
{
  do {
    try body()
    return th_status(TH_OK)
  } catch let failure as PluginError {
    writeError(record, code: failure.code, message: failure.message)
    return failure.code
  } catch {
    let code = th_status(TH_ERR_INTERNAL)
    writeError(record, code: code, message: String(describing: error))
    return code
  }
}
