import CTradeHostPlugin

/// A copy of a `th_order_event` without its borrowed string pointers (tests keep these).
public struct OrderEventRecord: Sendable, Equatable {
  public let type: th_order_event_type
  public let clientOrderID: UInt64
  public let clientTag: UInt64
  public let instrumentID: UInt32
  public let side: th_side
  public let timestamp: Int64
  public let fillQuantity: Double
  public let fillPrice: Double
  public let fee: Double
  public let leavesQuantity: Double
  public let reasonCode: Int32
  public let reason: String?
  public let venueOrderID: String?

  /// Copies an event (the strings too).
  public init(_ event: th_order_event) {
    type = event.type
    clientOrderID = event.client_order_id
    clientTag = event.client_tag
    instrumentID = event.instrument_id
    side = event.side
    timestamp = event.ts_event
    fillQuantity = event.fill_quantity
    fillPrice = event.fill_price
    fee = event.fee
    leavesQuantity = event.leaves_quantity
    reasonCode = event.reason_code
    reason = event.reason.map { String(cString: $0) }
    venueOrderID = event.venue_order_id.map { String(cString: $0) }
  }
}
