import TradingModel

/// The latest market events in arrival order, in a ring of fixed capacity: what a replacement
/// strategy is warmed with when it cannot take over its predecessor's state.
///
/// Kernel-thread only. `record` is allocation-free (the storage is reserved up front and then
/// overwritten in place); `forEach` visits the kept events oldest first.
public struct RecentEvents {
  private var storage: ContiguousArray<MarketEvent>
  /// The most events kept.
  public let capacity: Int
  /// Where the next event goes once the ring is full.
  private var next = 0

  public init(capacity: Int) {
    self.capacity = max(0, capacity)
    storage = []
    storage.reserveCapacity(self.capacity)
  }

  /// How many events are kept.
  public var count: Int { storage.count }

  /// Keeps `event`, dropping the oldest when full.
  @inline(__always)
  mutating func record(_ event: MarketEvent) {
    guard capacity > 0 else { return }
    if storage.count < capacity {
      storage.append(event)
    } else {
      storage[next] = event
      next = next + 1 == capacity ? 0 : next + 1
    }
  }

  /// Calls `body` with each kept event, oldest first, until it throws.
  public func forEach<E: Error>(_ body: (MarketEvent) throws(E) -> Void) throws(E) {
    let start = storage.count < capacity ? 0 : next
    for offset in 0..<storage.count {
      let index = start + offset
      try body(storage[index < storage.count ? index : index - storage.count])
    }
  }
}
