import TradingModel

/// Merges preloaded series (any mix of bars, quotes and trades, of any instruments) into one
/// stream of `MarketEvent`s ordered by timestamp (a bar's close time). Stable: events with equal
/// timestamps come in the order of their series in `init`, and within a series in file order.
///
/// The kernel's loop calls `next()` on its own thread; `next()` allocates nothing (a binary heap
/// of series indices, built once in `init`, holds the next event of each series), costs
/// O(log k) for k series, and never traps. A value type: copying it forks the position.
///
/// - Precondition: each series is in non-decreasing time order, as `CSVReader` guarantees.
public struct MarketEventCursor: IteratorProtocol, Sendable {
  private let series: [MarketSeries]
  private var positions: [Int]
  /// Indices of the series that still have events, as a min-heap on (timestamp, index).
  private var heap: [Int]
  /// Events not yet returned.
  public private(set) var remaining: Int

  public init(_ series: [MarketSeries]) {
    self.series = series
    self.positions = Array(repeating: 0, count: series.count)
    self.heap = []
    self.heap.reserveCapacity(series.count)
    self.remaining = series.reduce(0) { $0 + $1.count }
    for index in series.indices where series[index].count > 0 {
      heap.append(index)
      siftUp(heap.count - 1)
    }
  }

  /// The timestamp of the event `next()` would return, `nil` at the end.
  public var nextTimestamp: Int64? {
    guard let top = heap.first else { return nil }
    return series[top].timestamp(at: positions[top])
  }

  /// The next event in time order, `nil` once every series is exhausted.
  public mutating func next() -> MarketEvent? {
    guard let top = heap.first else { return nil }
    let position = positions[top]
    let event = series[top].event(at: position)
    positions[top] = position + 1
    remaining -= 1
    if position + 1 == series[top].count {
      let last = heap.removeLast()
      if !heap.isEmpty {
        heap[0] = last
        siftDown(0)
      }
    } else {
      siftDown(0)
    }
    return event
  }

  /// Whether the head of series `a` comes before the head of series `b`.
  @inline(__always)
  private func precedes(_ a: Int, _ b: Int) -> Bool {
    let timeA = series[a].timestamp(at: positions[a])
    let timeB = series[b].timestamp(at: positions[b])
    return timeA < timeB || (timeA == timeB && a < b)
  }

  private mutating func siftUp(_ start: Int) {
    var child = start
    while child > 0 {
      let parent = (child - 1) / 2
      guard precedes(heap[child], heap[parent]) else { return }
      heap.swapAt(child, parent)
      child = parent
    }
  }

  private mutating func siftDown(_ start: Int) {
    var parent = start
    while true {
      let left = 2 * parent + 1
      guard left < heap.count else { return }
      var first = left
      if left + 1 < heap.count && precedes(heap[left + 1], heap[left]) { first = left + 1 }
      guard precedes(heap[first], heap[parent]) else { return }
      heap.swapAt(first, parent)
      parent = first
    }
  }
}
