/// The plugin side of a child instance's state calls: what `IndicatorHandle` and `ModelHandle`
/// run against the child's vtable (no host hop), and how a child's error status becomes a
/// `PluginError`.
///
/// Called by the owning plugin's `exportState` / `importState` (kernel thread, between two
/// events; or the loader thread before the owner runs). Never blocks; allocates the state array
/// and, once, a NUL-free copy of an error message.
enum ChildState {
  /// A child's `export_state`.
  typealias Export =
    @convention(c) (
      UnsafeMutableRawPointer?, UnsafeMutablePointer<UInt8>?, UInt64, UnsafeMutablePointer<UInt64>?,
      UnsafeMutablePointer<th_error>?
    ) -> th_status
  /// A child's `import_state`.
  typealias Import =
    @convention(c) (
      UnsafeMutableRawPointer?, UInt32, UnsafePointer<UInt8>?, UInt64,
      UnsafeMutablePointer<th_error>?
    ) -> th_status

  /// The largest state a child may export through a handle (the host's own limit is 4 GiB; a
  /// child state nested in a plugin's state has no business being near it).
  static let maximumSize: UInt64 = 1 << 30

  /// Runs the two-call export protocol: ask for the size with no buffer
  /// (`TH_ERR_BUFFER_TOO_SMALL` and the size), then fill a buffer of that size. A child whose
  /// state grew between the calls is asked again, a few times.
  static func export(_ export: Export, instance: UnsafeMutableRawPointer?, what: String) throws
    -> [UInt8]
  {
    var error = emptyError()
    var length: UInt64 = 0
    let probe = export(instance, nil, 0, &length, &error)
    if probe == th_status(TH_OK) {
      guard length == 0 else {
        throw PluginError.invalidState(
          "\(what) reported \(length) bytes of state written into no buffer")
      }
      return []
    }
    guard probe == th_status(TH_ERR_BUFFER_TOO_SMALL) else { throw failure(probe, &error, what) }
    for _ in 0..<4 {
      guard length <= maximumSize else {
        throw PluginError.invalidState(
          "\(what) asked for \(length) bytes of state; at most \(maximumSize) are allowed")
      }
      // At least one byte, so the buffer has an address: NULL would mean "tell me the size".
      let capacity = max(length, 1)
      var buffer = [UInt8](repeating: 0, count: Int(capacity))
      error = emptyError()
      let status = buffer.withUnsafeMutableBufferPointer {
        export(instance, $0.baseAddress, capacity, &length, &error)
      }
      if status == th_status(TH_ERR_BUFFER_TOO_SMALL), length > capacity { continue }
      guard status == th_status(TH_OK) else { throw failure(status, &error, what) }
      guard length <= capacity else {
        throw PluginError.invalidState(
          "\(what) reported \(length) bytes of state written into a \(capacity)-byte buffer")
      }
      buffer.removeSubrange(Int(length)...)
      return buffer
    }
    throw PluginError.invalidState("\(what) kept asking for a larger state buffer")
  }

  /// Hands `bytes` (a state of format `version`) to the child's `import_state`.
  static func `import`(
    _ importer: Import, instance: UnsafeMutableRawPointer?, version: UInt32, bytes: [UInt8],
    what: String
  ) throws {
    var error = emptyError()
    let status = bytes.withUnsafeBufferPointer {
      importer(instance, version, $0.baseAddress, UInt64($0.count), &error)
    }
    guard status == th_status(TH_OK) else { throw failure(status, &error, what) }
  }

  /// An error record with `struct_size` set (C plugins write a message only when it is).
  static func emptyError() -> th_error {
    var error = th_error()
    error.struct_size = UInt32(MemoryLayout<th_error>.size)
    return error
  }

  /// The `PluginError` for a child's failed status: its code, and the child's message (or the
  /// status when it wrote none).
  static func failure(_ status: th_status, _ error: inout th_error, _ what: String) -> PluginError {
    let message = withUnsafeBytes(of: &error.message) { raw in
      String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
    }
    return PluginError(
      code: status, message.isEmpty ? "\(what) failed with status \(status)" : message)
  }
}
