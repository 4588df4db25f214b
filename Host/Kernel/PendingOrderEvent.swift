import CTradeHostPlugin

/// An order event waiting to be delivered to its slot's strategy: the kernel delivers events
/// after the callback that caused them returns, never re-entrantly.
struct PendingOrderEvent {
  var slot: Int
  var event: th_order_event
  /// A reason text owned here (a venue plugin's); `event.reason` points into it while the event
  /// is delivered. `nil` for the kernel's and the simulator's static reasons.
  var text: String? = nil
}

/// A FIFO of pending order events with a fixed capacity reserved up front, so queueing does not
/// allocate while the queue stays within it (it grows, allocating, only past the capacity).
struct OrderEventQueue {
  private var events: [PendingOrderEvent] = []
  private var head = 0

  init(capacity: Int) {
    events.reserveCapacity(capacity)
  }

  var isEmpty: Bool { head == events.count }

  @inline(__always)
  mutating func push(_ event: PendingOrderEvent) {
    events.append(event)
  }

  /// The next event, or `nil` (then the queue is reset, keeping its capacity).
  @inline(__always)
  mutating func pop() -> PendingOrderEvent? {
    guard head < events.count else {
      if head > 0 {
        events.removeAll(keepingCapacity: true)
        head = 0
      }
      return nil
    }
    defer { head += 1 }
    return events[head]
  }
}
