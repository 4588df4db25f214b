import TradingModel

/// One order the simulator holds, with what matching needs beside the order itself.
struct WorkingOrder {
  var order: Order
  /// The first time the order takes part in matching (its entry latency); an order reaches the
  /// book at the first event of its instrument at or after it.
  var arrival: Int64
  /// Whether it has arrived (in-flight orders wait in `pending` with `arrived == false`).
  var arrived: Bool
  /// The limit price, raw (limit and triggered stop-limit orders in the book).
  var limit: Int64 = 0
  /// The volume ahead of it at its price, raw quantity (queue model; resting limits only).
  var queueAhead: Int64 = 0
  /// The most this order may fill in all, raw quantity: `Int64.max` (its quantity bounds it),
  /// or what its parent filled when the parent closed partly filled.
  var fillCap: Int64 = .max
  /// Waits for its parent (`order.parentOrderID`) to fill.
  var waitingForParent = false
  /// A stop whose trigger was reached (a stop-market then works as a market order).
  var triggered = false
  /// Closed (filled, cancelled, expired, rejected) and awaiting removal from its list.
  var closed = false

  init(_ order: Order, arrival: Int64, arrived: Bool) {
    self.order = order
    self.arrival = arrival
    self.arrived = arrived
  }

  /// The raw quantity that may still fill (leaves, bounded by `fillCap`).
  @inline(__always)
  var fillable: Int64 { min(order.leavesQuantity.raw, fillCap - order.filledQuantity.raw) }
}
