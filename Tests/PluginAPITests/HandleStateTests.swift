import CTradeHostPlugin
import Testing

@testable import PluginKit

/// A child instance behind a fake vtable: it exports `state` by the two-call size protocol,
/// records every call, and fails on request.
private final class FakeChild {
  var state: [UInt8]
  /// Bytes the state grows by on each export call (a child whose state keeps changing).
  var growth = 0
  /// `(buffer was NULL, capacity)` of each export call.
  var exportCalls: [(null: Bool, capacity: UInt64)] = []
  /// The version and bytes of the last import.
  var imported: (version: UInt32, bytes: [UInt8])?
  /// When set, export and import fail with this status and message.
  var failure: (status: th_status, message: String)?

  init(state: [UInt8]) { self.state = state }

  var pointer: UnsafeMutableRawPointer { Unmanaged.passUnretained(self).toOpaque() }

  static func from(_ instance: UnsafeMutableRawPointer?) -> FakeChild {
    Unmanaged<FakeChild>.fromOpaque(instance!).takeUnretainedValue()
  }

  func export(
    _ buffer: UnsafeMutablePointer<UInt8>?, _ capacity: UInt64,
    _ length: UnsafeMutablePointer<UInt64>?,
    _ error: UnsafeMutablePointer<th_error>?
  ) -> th_status {
    exportCalls.append((buffer == nil, capacity))
    if let failure {
      writeError(error, code: failure.status, message: failure.message)
      return failure.status
    }
    state += [UInt8](repeating: 0xEE, count: growth)
    return deliverState(state, into: buffer, capacity: capacity, length: length)
  }

  func importState(
    _ version: UInt32, _ data: UnsafePointer<UInt8>?, _ length: UInt64,
    _ error: UnsafeMutablePointer<th_error>?
  ) -> th_status {
    if let failure {
      writeError(error, code: failure.status, message: failure.message)
      return failure.status
    }
    imported = (version, Array(UnsafeBufferPointer(start: data, count: Int(length))))
    return th_status(TH_OK)
  }
}

/// `IndicatorHandle` and `ModelHandle` state calls go straight to the child's vtable, follow the
/// two-call size protocol, and turn a child's failure into its status and message.
@Suite("Handle state")
struct HandleStateTests {
  /// An indicator vtable (state version 3) whose state calls reach a `FakeChild`; nil export and
  /// import functions with `stateless`.
  private static func indicatorTable(stateless: Bool = false)
    -> UnsafeMutablePointer<th_indicator_vtable>
  {
    var table = th_indicator_vtable()
    table.struct_size = UInt32(MemoryLayout<th_indicator_vtable>.size)
    table.state_version = 3
    if !stateless {
      table.export_state = { instance, buffer, capacity, length, error in
        FakeChild.from(instance).export(buffer, capacity, length, error)
      }
      table.import_state = { instance, version, data, length, error in
        FakeChild.from(instance).importState(version, data, length, error)
      }
    }
    let pointer = UnsafeMutablePointer<th_indicator_vtable>.allocate(capacity: 1)
    pointer.initialize(to: table)
    return pointer
  }

  private static func indicator(
    _ child: FakeChild, _ table: UnsafeMutablePointer<th_indicator_vtable>
  ) throws -> IndicatorHandle {
    try IndicatorHandle(
      th_indicator_handle(
        struct_size: UInt32(MemoryLayout<th_indicator_handle>.size), handle_id: 9,
        vtable: table, instance: child.pointer))
  }

  @Test("write(bytes:) and readBytes round-trip, empty arrays included")
  func nestedBytes() throws {
    var writer = StateWriter()
    writer.write(bytes: [1, 2, 3])
    writer.write(bytes: [])
    writer.write(7)
    try writer.bytes.withUnsafeBytes { raw in
      var reader = StateReader(raw)
      #expect(try reader.readBytes() == [1, 2, 3])
      #expect(try reader.readBytes() == [])
      #expect(try reader.readInt() == 7)
      try reader.finish()
    }
  }

  @Test("readBytes refuses a cut state, a negative count and one above maxCount")
  func nestedBytesBounds() throws {
    var writer = StateWriter()
    writer.write(bytes: [1, 2, 3, 4])
    let bytes = writer.bytes
    for cut in 0..<bytes.count {
      Array(bytes.prefix(cut)).withUnsafeBytes { raw in
        var reader = StateReader(raw)
        #expect(throws: PluginError.self, "cut at \(cut)") { _ = try reader.readBytes() }
      }
    }
    bytes.withUnsafeBytes { raw in
      var reader = StateReader(raw)
      #expect(throws: PluginError.self) { _ = try reader.readBytes(maxCount: 3) }
    }
    var negative = StateWriter()
    negative.write(-1)
    negative.bytes.withUnsafeBytes { raw in
      var reader = StateReader(raw)
      let error = #expect(throws: PluginError.self) { _ = try reader.readBytes() }
      #expect(error?.code == th_status(TH_ERR_INVALID_ARGUMENT))
    }
  }

  @Test("an indicator's state comes by the two-call protocol and goes back unchanged")
  func indicatorRoundTrip() throws {
    let table = Self.indicatorTable()
    defer { table.deallocate() }
    let child = FakeChild(state: Array(0..<40))
    let handle = try Self.indicator(child, table)
    #expect(handle.stateVersion == 3)

    let exported = try handle.exportState()
    #expect(exported.version == 3)
    #expect(exported.bytes == Array(0..<40))
    #expect(child.exportCalls.map(\.null) == [true, false])
    #expect(child.exportCalls.map(\.capacity) == [0, 40])

    try handle.importState(version: 2, bytes: [5, 6])
    #expect(child.imported?.version == 2)
    #expect(child.imported?.bytes == [5, 6])
  }

  @Test("an empty state comes back empty")
  func emptyState() throws {
    let table = Self.indicatorTable()
    defer { table.deallocate() }
    let child = FakeChild(state: [])
    let handle = try Self.indicator(child, table)
    // PluginKit's shim reports an empty state as too small for a NULL buffer, so the handle
    // asks again with a one-byte buffer.
    #expect(try handle.exportState().bytes == [])
    #expect(child.exportCalls.allSatisfy { $0.null || $0.capacity >= 1 })
  }

  @Test("a child whose state grows between the calls is asked again, then refused")
  func growingState() throws {
    let table = Self.indicatorTable()
    defer { table.deallocate() }
    let child = FakeChild(state: [1])
    child.growth = 1
    let handle = try Self.indicator(child, table)
    let error = #expect(throws: PluginError.self) { _ = try handle.exportState() }
    #expect(error?.code == th_status(TH_ERR_INVALID_STATE))
    #expect(error?.message == "indicator 9 kept asking for a larger state buffer")
    #expect(child.exportCalls.count == 5)
  }

  @Test("a child's failure becomes its status and message")
  func childFailure() throws {
    let table = Self.indicatorTable()
    defer { table.deallocate() }
    let child = FakeChild(state: [1])
    child.failure = (th_status(TH_ERR_STATE_VERSION), "cannot read version 2")
    let handle = try Self.indicator(child, table)
    let imported = #expect(throws: PluginError.self) {
      try handle.importState(version: 2, bytes: [1])
    }
    #expect(imported?.code == th_status(TH_ERR_STATE_VERSION))
    #expect(imported?.message == "cannot read version 2")

    child.failure = (th_status(TH_ERR_INTERNAL), "")
    let exported = #expect(throws: PluginError.self) { _ = try handle.exportState() }
    #expect(exported?.code == th_status(TH_ERR_INTERNAL))
    #expect(exported?.message == "indicator 9 failed with status \(TH_ERR_INTERNAL)")
  }

  @Test("an indicator without state functions is unsupported")
  func stateless() throws {
    let table = Self.indicatorTable(stateless: true)
    defer { table.deallocate() }
    let handle = try Self.indicator(FakeChild(state: []), table)
    let exported = #expect(throws: PluginError.self) { _ = try handle.exportState() }
    #expect(exported?.code == th_status(TH_ERR_UNSUPPORTED))
    let imported = #expect(throws: PluginError.self) {
      try handle.importState(version: 1, bytes: [])
    }
    #expect(imported?.code == th_status(TH_ERR_UNSUPPORTED))
  }

  @Test("a model's weights travel the same way")
  func modelRoundTrip() throws {
    var table = th_model_vtable()
    table.struct_size = UInt32(MemoryLayout<th_model_vtable>.size)
    table.state_version = 4
    table.export_state = { instance, buffer, capacity, length, error in
      FakeChild.from(instance).export(buffer, capacity, length, error)
    }
    table.import_state = { instance, version, data, length, error in
      FakeChild.from(instance).importState(version, data, length, error)
    }
    let pointer = UnsafeMutablePointer<th_model_vtable>.allocate(capacity: 1)
    pointer.initialize(to: table)
    defer { pointer.deallocate() }
    let child = FakeChild(state: [9, 8, 7])
    let handle = try ModelHandle(
      th_model_handle(
        struct_size: UInt32(MemoryLayout<th_model_handle>.size), handle_id: 2, vtable: pointer,
        instance: child.pointer))
    #expect(handle.stateVersion == 4)
    let exported = try handle.exportState()
    #expect(exported.version == 4 && exported.bytes == [9, 8, 7])
    try handle.importState(version: 4, bytes: exported.bytes)
    #expect(child.imported?.bytes == [9, 8, 7])

    child.failure = (th_status(TH_ERR_INVALID_ARGUMENT), "weights for 3 features, not 5")
    let refused = #expect(throws: PluginError.self) {
      try handle.importState(version: 4, bytes: [1])
    }
    #expect(refused?.code == th_status(TH_ERR_INVALID_ARGUMENT))
    #expect(refused?.message == "weights for 3 features, not 5")
  }
}
