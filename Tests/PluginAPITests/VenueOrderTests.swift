import CTradeHostPlugin
import Testing

@testable import PluginKit

/// PluginKit's reading of the host's `th_venue_order` (links appended in ABI 1.3).
struct VenueOrderTests {
  /// A host order with links, its `struct_size` set to `size`, the bytes past it poisoned.
  static func hostOrder(size: Int) -> [UInt8] {
    var order = th_venue_order()
    order.struct_size = UInt32(size)
    order.client_order_id = 7
    order.quantity = 2
    order.parent_order_id = 5
    order.oco_order_id = 6
    var bytes = withUnsafeBytes(of: &order) { Array($0) }
    for index in size..<bytes.count { bytes[index] = 0xFF }
    return bytes
  }

  static func read(_ bytes: [UInt8], minimumSize: Int) throws -> VenueOrder {
    var raw = th_venue_order()
    try bytes.withUnsafeBytes { buffer in
      try copyHostStruct(
        buffer.baseAddress!.assumingMemoryBound(to: th_venue_order.self), into: &raw,
        name: "th_venue_order", minimumSize: minimumSize)
    }
    return VenueOrder(raw)
  }

  @Test("a 1.3 host's order carries its links")
  func links() throws {
    let order = try Self.read(
      Self.hostOrder(size: MemoryLayout<th_venue_order>.size),
      minimumSize: Int(TH_VENUE_ORDER_SIZE_1_2))
    #expect(order.clientOrderID == 7 && order.parentOrderID == 5 && order.ocoOrderID == 6)
  }

  @Test("an older host's 72-byte order is read to its end: the links read as 0, not past it")
  func olderHost() throws {
    let order = try Self.read(
      Self.hostOrder(size: Int(TH_VENUE_ORDER_SIZE_1_2)),
      minimumSize: Int(TH_VENUE_ORDER_SIZE_1_2))
    #expect(order.clientOrderID == 7 && order.quantity == 2)
    #expect(order.parentOrderID == 0 && order.ocoOrderID == 0)
    #expect(throws: PluginError.self) {
      try Self.read(Self.hostOrder(size: 40), minimumSize: Int(TH_VENUE_ORDER_SIZE_1_2))
    }
  }
}
