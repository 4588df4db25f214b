import Store
import Synchronization

/// A `MemoryStore` whose appends fail on demand (a full disk, a lost server), for tests of the
/// journal's back-pressure and recovery. `failing` may be set from any thread; the store's
/// methods run on the journal's writer thread.
///
/// `@unchecked Sendable`: the switch is a mutex; the inner store is used by one thread at a time
/// (the writer while a journal runs, the test after `Journal.close` joined it).
public final class FailingStore: Store, @unchecked Sendable {
  public let inner = MemoryStore()
  private let failure = Mutex<StoreError.Kind?>(nil)
  private let attempts = Atomic<Int>(0)

  public init() {}

  /// The kind of error appends throw (`nil`: they succeed).
  public var failing: StoreError.Kind? {
    get { failure.withLock { $0 } }
    set { failure.withLock { $0 = newValue } }
  }

  /// Appends tried so far (failed ones included).
  public var appendAttempts: Int { attempts.load(ordering: .acquiring) }

  public var name: String { "failing store" }
  public func status() throws(StoreError) -> SchemaStatus { try inner.status() }
  @discardableResult
  public func migrate(at time: Int64) throws(StoreError) -> [SchemaMigration] {
    try inner.migrate(at: time)
  }
  public func beginSession(at time: Int64, note: String) throws(StoreError) -> Int64 {
    try inner.beginSession(at: time, note: note)
  }
  public func sessions() throws(StoreError) -> [SessionRecord] { try inner.sessions() }
  public func history(_ query: HistoryQuery) throws(StoreError) -> History {
    try inner.history(query)
  }
  public func log(session: Int64) throws(StoreError) -> SessionLog {
    try inner.log(session: session)
  }

  public func append(_ records: [JournalRecord], session: Int64) throws(StoreError) {
    attempts.add(1, ordering: .releasing)
    if let kind = failing {
      throw StoreError(store: name, kind: kind, message: "the disk is full (a test's)")
    }
    try inner.append(records, session: session)
  }

  /// A migrated store with session 1 begun.
  public static func ready() throws -> (FailingStore, session: Int64) {
    let store = FailingStore()
    try store.migrate(at: 0)
    return (store, try store.beginSession(at: 0, note: "test"))
  }
}
