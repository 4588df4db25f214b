import PluginKit

/// Something the paper venue has to tell the host. Made under the venue's lock, emitted after it
/// is released (a host callback must never wait for a lock the adapter holds).
enum PaperEvent: Sendable {
  /// A bar of a subscribed symbol, tagged with the host's instrument id.
  case bar(Bar)
  /// A change in one order's life.
  case order(OrderUpdate)
}

/// One order event in Swift values (the C `th_order_event` holds borrowed pointers, so it is
/// built only at the moment of emitting).
struct OrderUpdate: Sendable {
  /// `TH_EVENT_*`.
  var type: th_order_event_type
  var order: VenueOrder
  var timestamp: Int64
  var fillQuantity = 0.0
  var fillPrice = 0.0
  var fee = 0.0
  var leavesQuantity = 0.0
  /// Why an order was rejected or cancelled.
  var reason: String?

  init(_ type: Int, _ order: VenueOrder, at timestamp: Int64, reason: String? = nil) {
    self.type = th_order_event_type(type)
    self.order = order
    self.timestamp = timestamp
    self.reason = reason
  }

  /// The venue's id of the order: the paper venue just prefixes the host's id.
  var venueOrderID: String { "PV-\(order.clientOrderID)" }

  /// The C event (its string fields are filled by `HostContext.emitOrderEvent`).
  var raw: OrderEvent {
    var event = OrderEvent(
      type: type, clientOrderID: order.clientOrderID, instrumentID: order.instrumentID,
      side: order.side, timestamp: timestamp, leavesQuantity: leavesQuantity)
    event.fill_quantity = fillQuantity
    event.fill_price = fillPrice
    event.fee = fee
    return event
  }
}
