import Control
import Dispatch
import Synchronization

/// The host's write-ahead journal: the kernel thread hands records over without allocating or
/// blocking (`record`), and a writer thread of its own appends them to the store in batches,
/// in order, each batch one transaction.
///
/// Back-pressure (docs/persistence.md): the ring holds `capacity` records. While fewer than
/// `reserve` slots are free, or the store failed, `acceptsOrders` is false and the kernel denies
/// new orders (code 47); records of orders already sent (their events and fills) are never
/// dropped and never make the kernel wait: when the ring is full they go to an overflow list
/// (which allocates: only then), drained after the ring in the same order. A failed append is
/// kept and retried; when it succeeds the host takes orders again.
///
/// Write-ahead: `record` returns the record's sequence number; `awaitDurable(_:)` blocks until
/// the store has committed it (the kernel calls it before an order reaches a venue outside the
/// process; an order to the in-process simulator dies with the process, so it does not wait).
///
/// Threading: `record`, `acceptsOrders`, `awaitDurable` and `close` are kernel-thread calls (one
/// producer); the store belongs to the writer thread from `start()` to `close()`.
/// `@unchecked Sendable`: the producer-only counters are touched by the kernel thread alone, the
/// store by the writer thread alone, and everything they share is an atomic, a mutex or the
/// ring (see `JournalRing`).
public final class Journal: @unchecked Sendable {
  /// The store, for messages.
  public let storeName: String
  /// The session every record belongs to.
  public let session: Int64
  private let store: any Store
  private let ring: JournalRing
  private let reserve: Int
  private let intervalNanoseconds: Int
  private let overflow = Mutex<[JournalRecord]>([])
  private let overflowing = Atomic<Bool>(false)
  private let committed = Atomic<Int>(0)
  private let failed = Atomic<Bool>(false)
  private let lastFailure = Mutex<StoreError?>(nil)
  private let stopping = Atomic<Bool>(false)
  private let waiters = Atomic<Int>(0)
  private let wakeup = DispatchSemaphore(value: 0)
  private let durable = DispatchSemaphore(value: 0)
  private var thread: JoinableThread?
  /// Records handed over (the kernel thread's).
  public private(set) var recorded = 0
  /// Records that went to the overflow list (the kernel thread's).
  public private(set) var overflowed = 0
  /// Batches committed (the writer's; read after `close`).
  public private(set) var batches = 0
  /// What earlier sessions journaled that this one replays (kernel thread; `nil`: nothing).
  private var replay: JournalReplay?
  /// The replay's first difference from the journal (kernel thread; `nil`: none).
  public private(set) var replayMismatch: String?
  /// Records the replay reproduced and dropped (kernel thread).
  public private(set) var replaySkipped = 0
  /// Fills among them: the chain's first `replayFills` fills (kernel thread).
  public private(set) var replayFills = 0
  /// Whether a difference from the replay's expectation makes the journal drop every later
  /// record (kernel thread): set while a resumed session catches up, whose run is refused then,
  /// so that nothing of a replay that went astray reaches the store.
  public var discardsAfterMismatch = false
  /// Whether records are dropped now (a mismatch while `discardsAfterMismatch`).
  private var discarding = false

  /// A journal of `session` on `store` (migrated, the session begun). `capacity` slots in the
  /// ring, orders refused below `reserve` free slots (default a quarter), the writer waking at
  /// least every `intervalNanoseconds`.
  public init(
    store: any Store, session: Int64, capacity: Int = 65_536, reserve: Int? = nil,
    intervalNanoseconds: Int = 2_000_000
  ) {
    self.store = store
    storeName = store.name
    self.session = session
    ring = JournalRing(capacity: capacity)
    self.reserve = min(max(reserve ?? ring.capacity / 4, 1), ring.capacity)
    self.intervalNanoseconds = max(intervalNanoseconds, 100_000)
  }

  /// Starts the writer thread.
  public func start() throws(StoreError) {
    guard thread == nil else { return }
    do {
      thread = try JoinableThread.start { [self] in writeLoop() }
    } catch {
      throw StoreError(
        store: storeName, kind: .failed, message: "cannot start the journal's writer thread")
    }
  }

  /// [kernel-thread] Hands `record` to the writer; returns its sequence number (1, 2, ...).
  /// Never blocks and never drops; allocation-free while the ring has room.
  @discardableResult
  @inline(__always)
  public func record(_ record: JournalRecord) -> Int {
    if replay != nil || discarding, replayed(record) { return recorded }
    recorded += 1
    if overflowing.load(ordering: .acquiring) || !ring.push(record) {
      overflowed += 1
      overflow.withLock { list in
        list.append(record)
        overflowing.store(true, ordering: .releasing)
      }
      wakeup.signal()
    }
    return recorded
  }

  /// [kernel-thread] Makes the journal drop what `replay` expects, the records earlier sessions
  /// of the chain journaled already, as the resumed session reproduces them (`JournalReplay`).
  public func expect(_ replay: JournalReplay) {
    self.replay = replay.remaining > 0 ? replay : nil
  }

  /// [kernel-thread] Records the replay still expects (0 once it is done or ended).
  public var replayRemaining: Int { replay?.remaining ?? 0 }

  /// [kernel-thread] Whether the replay expected `record` (then it is not written again).
  private func replayed(_ record: JournalRecord) -> Bool {
    if discarding { return true }
    let consumed = replay?.consume(record) ?? false
    if let replay {
      replaySkipped = replay.skipped
      replayFills = replay.fillsReproduced
      if let mismatch = replay.mismatch {
        replayMismatch = mismatch
        discarding = discardsAfterMismatch
      }
      if replay.remaining == 0 { self.replay = nil }
    }
    return consumed || discarding
  }

  /// [kernel-thread] Whether a new order may be sent: the store is healthy and the ring has its
  /// reserve free (the events of orders already sent always fit).
  @inline(__always)
  public var acceptsOrders: Bool {
    !failed.load(ordering: .relaxed) && !overflowing.load(ordering: .relaxed)
      && ring.capacity - ring.count >= reserve
  }

  /// [kernel-thread] Blocks until record `sequence` is committed; `false` when the store failed
  /// first (the caller must not send the order then).
  public func awaitDurable(_ sequence: Int) -> Bool {
    if committed.load(ordering: .acquiring) >= sequence { return true }
    waiters.add(1, ordering: .relaxed)
    defer { waiters.subtract(1, ordering: .relaxed) }
    while committed.load(ordering: .acquiring) < sequence {
      if failed.load(ordering: .acquiring) { return false }
      wakeup.signal()
      _ = durable.wait(timeout: .now() + .milliseconds(100))
    }
    return true
  }

  /// The store's last failure (`nil` when every batch was committed).
  public var failure: StoreError? { lastFailure.withLock { $0 } }

  /// Whether the store is failing now (new orders are refused).
  public var isFailing: Bool { failed.load(ordering: .acquiring) }

  /// Records committed so far.
  public var committedCount: Int { committed.load(ordering: .acquiring) }

  /// [kernel-thread] Appends the session's stop marker, lets the writer commit everything and
  /// joins it. Returns the failure that kept records from the store (their count in the
  /// message), or `nil` when all were committed.
  @discardableResult
  public func close(stoppedAt time: Int64) -> StoreError? {
    record(.stop(time: time))
    return finish()
  }

  /// [kernel-thread] Commits what was handed over and joins the writer, with no stop marker:
  /// the session stays unfinished, as after a crash (a resumed session that refused to go on).
  @discardableResult
  public func abandon() -> StoreError? { finish() }

  private func finish() -> StoreError? {
    stopping.store(true, ordering: .releasing)
    wakeup.signal()
    thread?.join()
    thread = nil
    let missing = recorded - committed.load(ordering: .acquiring)
    guard missing > 0 else { return nil }
    let reason = failure?.message ?? "the writer stopped"
    return StoreError(
      store: storeName, kind: failure?.kind ?? .failed,
      message: "\(missing) journal records could not be written (\(reason))")
  }

  // MARK: writer thread

  private func writeLoop() {
    var pending: [JournalRecord] = []
    pending.reserveCapacity(4_096)
    var failures = 0
    while true {
      let pause = failures == 0 ? intervalNanoseconds : min(intervalNanoseconds << failures, 500_000_000)
      _ = wakeup.wait(timeout: .now() + .nanoseconds(pause))
      let finishing = stopping.load(ordering: .acquiring)
      collect(into: &pending)
      if !pending.isEmpty {
        do throws(StoreError) {
          try store.append(pending, session: session)
          committed.add(pending.count, ordering: .releasing)
          batches += 1
          pending.removeAll(keepingCapacity: true)
          failures = 0
          failed.store(false, ordering: .releasing)
        } catch {
          lastFailure.withLock { $0 = error }
          failed.store(true, ordering: .releasing)
          failures = min(failures + 1, 16)
        }
        if waiters.load(ordering: .relaxed) > 0 { durable.signal() }
      }
      if finishing { return }
    }
  }

  /// Moves the ring's records, then the overflow's, to `pending` (under the overflow lock, so
  /// no record pushed to the ring after the overflow began can come first).
  private func collect(into pending: inout [JournalRecord]) {
    overflow.withLock { list in
      ring.drain(into: &pending)
      if !list.isEmpty {
        pending += list
        list.removeAll()
      }
      overflowing.store(false, ordering: .releasing)
    }
  }
}
