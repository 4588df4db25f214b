/// One refused order, as the journal keeps it.
public struct DenialRecord: Sendable, Equatable {
  /// The kernel clock's time, ns.
  public var time: Int64
  public var slot: Int
  public var instrument: UInt32
  public var clientOrderID: UInt64
  /// The `DenialReason` code.
  public var code: Int32
}

/// The journal of refused orders: a ring of the latest `capacity` denials, filled on the kernel
/// thread without allocating, read between events (reports, the paper host's `denials.jsonl`).
/// Every denial is also counted per reason (`Kernel.denialsByReason`), so a reader that falls
/// more than `capacity` behind knows how many it missed.
public struct DenialJournal: Sendable {
  private var ring: [DenialRecord]
  /// Denials appended since the run began.
  public private(set) var total = 0

  public init(capacity: Int = 4096) {
    ring = Array(
      repeating: DenialRecord(time: 0, slot: 0, instrument: 0, clientOrderID: 0, code: 0),
      count: max(capacity, 1))
  }

  /// [kernel-thread] Records a denial, overwriting the oldest when full. Allocation-free.
  @inline(__always)
  mutating func append(_ record: DenialRecord) {
    ring[total % ring.count] = record
    total += 1
  }

  /// The denials after the first `seen` ones that the ring still holds, oldest first, and how
  /// many after `seen` it no longer holds.
  public func records(after seen: Int) -> (records: [DenialRecord], missed: Int) {
    let oldest = max(total - ring.count, 0)
    let start = max(seen, oldest)
    guard start < total else { return ([], 0) }
    return ((start..<total).map { ring[$0 % ring.count] }, start - seen)
  }
}
