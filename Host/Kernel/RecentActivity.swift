import Store
import TradingModel

/// The latest orders, order events and fills of a session, kept in rings of fixed capacity for
/// the HTTP API and the dashboard (`/orders`, `/fills`). Kernel-thread only: `record` is
/// allocation-free (storage reserved up front, then overwritten in place); the snapshot copies
/// the rings out between events (`StatusSnapshot.recentOrders`, `recentFills`).
public struct RecentActivity {
  /// Orders as routed, newest last.
  public private(set) var orders: Ring<OrderRecord>
  /// Their events (accepted, filled, canceled, ...), newest last; more than orders, since an
  /// order has several.
  public private(set) var events: Ring<OrderEventRecord>
  public private(set) var fills: Ring<Fill>

  public init(orders: Int = 64, fills: Int = 64) {
    self.orders = Ring(capacity: orders)
    events = Ring(capacity: orders * 4)
    self.fills = Ring(capacity: fills)
  }

  @inline(__always)
  mutating func record(_ order: OrderRecord) { orders.record(order) }

  @inline(__always)
  mutating func record(_ event: OrderEventRecord) { events.record(event) }

  @inline(__always)
  mutating func record(_ fill: Fill) { fills.record(fill) }

  /// The kept orders, oldest first, each with its latest kept event (allocates: between events).
  public func orderLines() -> [StatusSnapshot.OrderLine] {
    var latest: [ClientOrderID: OrderEventRecord] = [:]
    events.forEach { latest[$0.clientOrderID] = $0 }
    var lines: [StatusSnapshot.OrderLine] = []
    lines.reserveCapacity(orders.count)
    orders.forEach { order in
      lines.append(StatusSnapshot.OrderLine(order: order, latest: latest[order.clientOrderID]))
    }
    return lines
  }
}

/// A ring of fixed capacity: `record` overwrites the oldest element once full and never
/// allocates after `init`; `elements()` copies the kept ones out, oldest first, into new storage
/// (never sharing the ring's, so the next `record` cannot copy on write).
public struct Ring<Element> {
  private var storage: ContiguousArray<Element>
  public let capacity: Int
  private var next = 0

  public init(capacity: Int) {
    self.capacity = max(0, capacity)
    storage = []
    storage.reserveCapacity(self.capacity)
  }

  public var count: Int { storage.count }

  @inline(__always)
  mutating func record(_ element: Element) {
    guard capacity > 0 else { return }
    if storage.count < capacity {
      storage.append(element)
    } else {
      storage[next] = element
      next = next + 1 == capacity ? 0 : next + 1
    }
  }

  /// Calls `body` with each kept element, oldest first, until it throws.
  public func forEach<E: Error>(_ body: (Element) throws(E) -> Void) throws(E) {
    let start = storage.count < capacity ? 0 : next
    for offset in 0..<storage.count {
      let index = start + offset
      try body(storage[index < storage.count ? index : index - storage.count])
    }
  }

  /// The kept elements, oldest first, in new storage.
  public func elements() -> [Element] {
    var copy: [Element] = []
    copy.reserveCapacity(storage.count)
    forEach { copy.append($0) }
    return copy
  }
}
