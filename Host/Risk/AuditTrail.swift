import MarketData
import Synchronization

/// The append-only audit log: the latest records are kept in memory (reports, tests, `tradehost
/// status`; at most `capacity`, the oldest dropped first and counted) and, when a file is given,
/// each is appended to it as one JSON line and flushed to disk (`fsync`) before `append`
/// returns. The file is opened with `O_APPEND`; a record is written whole or not at all (a
/// failed write is cut back, `AppendOnlyFile`).
///
/// A write that fails is returned to the caller and counted (`failures`): the risk wrapper
/// stops new orders then (`RiskConfiguration.onWriteFailure`). The record stays in memory.
///
/// Any thread: the kernel thread appends state changes, and the control side appends what it
/// does while the kernel thread is stuck (the watchdog, a kill from the control side); appends
/// are serialised by a lock, and a record is written whole before the next one starts.
/// `append` blocks on the disk when a file is set; records are rare (state changes, breaker
/// transitions, manual actions, host exits), never one per order.
public final class AuditTrail: @unchecked Sendable {
  // @unchecked: every mutable part (the records, the error, the file's writes) is reached only
  // inside `state.withLock`, and `echo` is only called there too, so one call at a time.
  private struct State {
    var records: [AuditRecord] = []
    var dropped = 0
    var writeError: String?
    /// Lines the file already holds that this session will produce again (`expectRewrites`),
    /// with how often each is there.
    var written: [String: Int] = [:]
  }

  /// The records kept in memory by default.
  public static let defaultCapacity = 10_000

  private let state = Mutex(State())
  private let failureCount = Atomic<Int>(0)
  /// The most records kept in memory.
  public let capacity: Int
  /// The audit file, if any.
  public var path: String? { file?.path }
  private let file: AppendOnlyFile?
  /// Called after each record (log lines), under the trail's lock.
  private let echo: ((AuditRecord) -> Void)?

  /// An audit trail in memory only.
  public init(capacity: Int = AuditTrail.defaultCapacity, echo: ((AuditRecord) -> Void)? = nil) {
    file = nil
    self.capacity = max(capacity, 1)
    self.echo = echo
  }

  /// An audit trail appended to `path` (created with mode 0600 when missing; written through
  /// `calls`, a test seam). Throws when the file cannot be opened for appending.
  public init(
    appendingTo path: String, capacity: Int = AuditTrail.defaultCapacity,
    calls: any FileCalls = SystemFileCalls(), echo: ((AuditRecord) -> Void)? = nil
  ) throws(RiskError) {
    file = try AppendOnlyFile(path: path, what: "audit log", calls: calls)
    self.capacity = max(capacity, 1)
    self.echo = echo
  }

  /// The records kept in memory, oldest first.
  public var records: [AuditRecord] { state.withLock { $0.records } }

  /// Records dropped from memory (the oldest, past `capacity`); the file keeps them.
  public var droppedRecords: Int { state.withLock { $0.dropped } }

  /// The last write error (the record stays in memory), if any.
  public var writeError: String? { state.withLock { $0.writeError } }

  /// How many records could not be written to the file so far (any thread; one atomic load).
  public var failures: Int { failureCount.load(ordering: .acquiring) }

  /// Lines (JSON, no newline) the file already holds that this session will produce again: a
  /// resumed session replays the dead one's market and makes the same records at the same
  /// market times. A record whose line is among them is kept in memory but neither echoed nor
  /// written again, once per occurrence; a record the dead session could not write is written
  /// now. `RunRecovery` passes the file's lines from the chain's market start on.
  public func expectRewrites(_ lines: [String]) {
    state.withLock { state in
      for line in lines { state.written[line, default: 0] += 1 }
    }
  }

  /// Appends a record; returns the write error when the file could not take it whole.
  @discardableResult
  public func append(_ record: AuditRecord) -> String? {
    state.withLock { state -> String? in
      if state.records.count >= capacity {
        let excess = max(capacity / 10, 1)
        state.records.removeFirst(min(excess, state.records.count))
        state.dropped += excess
      }
      state.records.append(record)
      let line = file == nil || state.written.isEmpty ? nil : record.jsonLine
      if let line, let count = state.written[line] {
        state.written[line] = count == 1 ? nil : count - 1
        return nil
      }
      echo?(record)
      guard let error = file?.append((line ?? record.jsonLine) + "\n", sync: true) else {
        return nil
      }
      state.writeError = error
      failureCount.add(1, ordering: .releasing)
      return error
    }
  }
}
