import Synchronization

/// A fixed ring of journal records between one producer (the kernel thread) and one consumer
/// (the journal's writer thread), allocated once: pushing a record copies a value into a slot and
/// publishes it with one atomic store, so the kernel never allocates or locks to journal.
///
/// `@unchecked Sendable`: each slot has one owner at a time. The producer writes only slots in
/// `[head, tail + capacity)` and then publishes them by storing `head` (release); the consumer
/// reads only slots in `[tail, head)` after loading `head` (acquire), resets each to a record
/// that owns no memory (so the kernel never frees a string when it reuses a slot), and hands the
/// slots back by storing `tail` (release).
final class JournalRing: @unchecked Sendable {
  let capacity: Int
  private let mask: Int
  private let slots: UnsafeMutablePointer<JournalRecord>
  /// The next slot to write (the producer's).
  private let head = Atomic<Int>(0)
  /// The next slot to read (the consumer's).
  private let tail = Atomic<Int>(0)

  /// A ring of at least `capacity` slots (rounded up to a power of two).
  init(capacity: Int) {
    var size = 1
    while size < max(capacity, 2) { size <<= 1 }
    self.capacity = size
    mask = size - 1
    slots = .allocate(capacity: size)
    slots.initialize(repeating: .stop(time: 0), count: size)
  }

  deinit {
    slots.deinitialize(count: capacity)
    slots.deallocate()
  }

  /// [producer] Copies `record` into the ring; `false` when it is full. Allocation-free.
  @inline(__always)
  func push(_ record: JournalRecord) -> Bool {
    let writing = head.load(ordering: .relaxed)
    guard writing - tail.load(ordering: .acquiring) < capacity else { return false }
    slots[writing & mask] = record
    head.store(writing + 1, ordering: .releasing)
    return true
  }

  /// [producer] Records waiting for the consumer.
  @inline(__always)
  var count: Int { head.load(ordering: .relaxed) - tail.load(ordering: .acquiring) }

  /// [consumer] Moves every published record to `batch`, oldest first; returns how many.
  @discardableResult
  func drain(into batch: inout [JournalRecord]) -> Int {
    let reading = tail.load(ordering: .relaxed)
    let end = head.load(ordering: .acquiring)
    for index in reading..<end {
      batch.append(slots[index & mask])
      slots[index & mask] = .stop(time: 0)
    }
    tail.store(end, ordering: .releasing)
    return end - reading
  }
}
