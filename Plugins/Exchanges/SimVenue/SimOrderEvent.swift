import PluginKit

/// One order event of the simulated venue.
struct SimOrderEvent: Sendable, Equatable {
  var type: th_order_event_type
  var clientOrderID: UInt64
  var instrumentID: UInt32
  var side: th_side
  var timestamp: Int64
  var fillQuantity = 0.0
  var fillPrice = 0.0
  var leavesQuantity = 0.0
  var reason: SimRejectReason?
  /// Text for cancellations (rejections use `reason`'s text).
  var note: String?
  var venueOrderID: String?

  /// The C form; the strings are passed separately.
  var raw: OrderEvent {
    var event = OrderEvent(
      type: type, clientOrderID: clientOrderID, instrumentID: instrumentID, side: side,
      timestamp: timestamp, leavesQuantity: leavesQuantity)
    event.fill_quantity = fillQuantity
    event.fill_price = fillPrice
    event.reason_code = reason?.rawValue ?? 0
    return event
  }

  /// The event's text: the rejection reason or the note.
  var text: String? { reason?.message ?? note }
}
