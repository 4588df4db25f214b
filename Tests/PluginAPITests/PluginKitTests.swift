import CTradeHostPlugin
import Testing

@testable import PluginKit

@Suite("PluginKit helpers")
struct PluginKitTests {
  @Test("state writer and reader round-trip every field type, NaN included")
  func stateRoundTrip() throws {
    var writer = StateWriter()
    writer.write(UInt64.max)
    writer.write(Int64(-42))
    writer.write(Double.nan)
    writer.write(-0.125)
    writer.write(true)
    writer.write([1.5, 2.5, .infinity])
    let bytes = writer.bytes
    try bytes.withUnsafeBytes { raw in
      var reader = StateReader(raw)
      #expect(try reader.readUInt64() == .max)
      #expect(try reader.readInt64() == -42)
      #expect(try reader.readDouble().isNaN)
      #expect(try reader.readDouble() == -0.125)
      #expect(try reader.readBool())
      #expect(try reader.readDoubles() == [1.5, 2.5, .infinity])
      try reader.finish()
    }
  }

  @Test("a truncated or overlong state throws instead of reading out of bounds")
  func corruptState() throws {
    var writer = StateWriter()
    writer.write([1.0, 2.0, 3.0])
    let bytes = writer.bytes
    for cut in 0..<bytes.count {
      let prefix = Array(bytes.prefix(cut))
      prefix.withUnsafeBytes { raw in
        var reader = StateReader(raw)
        #expect(throws: PluginError.self) { _ = try reader.readDoubles() }
      }
    }
    (bytes + [0]).withUnsafeBytes { raw in
      var reader = StateReader(raw)
      _ = try? reader.readDoubles()
      #expect(throws: PluginError.self) { try reader.finish() }
    }
    var huge = StateWriter()
    huge.write(Int.max)
    huge.bytes.withUnsafeBytes { raw in
      var reader = StateReader(raw)
      #expect(throws: PluginError.self) { _ = try reader.readDoubles() }
    }
  }

  @Test("error messages are truncated at a UTF-8 boundary and NUL-terminated")
  func errorTruncation() {
    var record = th_error()
    record.struct_size = UInt32(MemoryLayout<th_error>.size)
    let long = String(repeating: "é", count: 200)  // 400 bytes, 2 per character
    writeError(&record, code: 7, message: long)
    let text = withUnsafeBytes(of: &record.message) { raw in
      String(validating: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
    }
    #expect(record.code == 7)
    #expect(text == String(repeating: "é", count: 127))
  }

  @Test("thrown errors become status codes with messages; success is TH_OK")
  func catching() {
    var record = th_error()
    #expect(catchingErrors(&record) {} == th_status(TH_OK))
    let status = catchingErrors(&record) { throw PluginError.rejected("no") }
    #expect(status == th_status(TH_ERR_REJECTED))
    struct Other: Error {}
    #expect(catchingErrors(&record) { throw Other() } == th_status(TH_ERR_INTERNAL))
  }

  @Test("parameters are read by type and refuse a wrong type with a message")
  func parameters() throws {
    let parameters = PluginParameters([
      ("period", .int(14)), ("alpha", .float(0.5)), ("long_only", .bool(true)),
      ("mode", .choice("fast", index: 1)),
    ])
    #expect(try parameters.int("period") == 14)
    #expect(try parameters.double("period") == 14)
    #expect(try parameters.double("alpha") == 0.5)
    #expect(try parameters.bool("long_only"))
    #expect(try parameters.choice("mode") == "fast")
    #expect(throws: PluginError.self) { try parameters.int("alpha") }
    #expect(throws: PluginError.self) { try parameters.int("missing") }
  }
}
