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

/// A FIFO of pending order events in a ring of fixed capacity, allocated once: queueing never
/// allocates and never grows. A push into a full ring is refused (the kernel drops the event
/// and treats its slot as a runaway, `Kernel.enqueue`).
struct OrderEventQueue {
  /// The ring's capacity (a power of two); also the most order events one slot is handed
  /// within one kernel step (`Kernel.orderEventsPerStep`).
  static let capacity = 4096

  private var events: [PendingOrderEvent]
  private var head = 0
  private(set) var count = 0

  init(capacity: Int) {
    var size = 1
    while size < max(capacity, 1) { size <<= 1 }
    events = Array(repeating: PendingOrderEvent(slot: 0, event: th_order_event()), count: size)
  }

  var isEmpty: Bool { count == 0 }

  /// Queues `event`; `false` (nothing queued) when the ring is full.
  @inline(__always)
  mutating func push(_ event: PendingOrderEvent) -> Bool {
    guard count < events.count else { return false }
    events[(head + count) & (events.count - 1)] = event
    count += 1
    return true
  }

  /// The oldest event, or `nil` when none waits.
  @inline(__always)
  mutating func pop() -> PendingOrderEvent? {
    guard count > 0 else { return nil }
    let event = events[head]
    events[head].text = nil
    head = (head + 1) & (events.count - 1)
    count -= 1
    return event
  }
}
