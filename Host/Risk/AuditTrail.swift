import Synchronization

/// The append-only audit log: every record is kept in memory (reports, tests, `tradehost
/// status`) and, when a file is given, appended to it as one JSON line and flushed to disk
/// (`fdatasync`) before `append` returns. The file is opened with `O_APPEND` and never
/// truncated or rewritten.
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
    var writeError: String?
  }

  private let state = Mutex(State())
  /// The audit file, if any.
  public var path: String? { file?.path }
  private let file: AppendOnlyFile?
  /// Called after each record (log lines), under the trail's lock.
  private let echo: ((AuditRecord) -> Void)?

  /// An audit trail in memory only.
  public init(echo: ((AuditRecord) -> Void)? = nil) {
    file = nil
    self.echo = echo
  }

  /// An audit trail appended to `path` (created with mode 0600 when missing). Throws when the
  /// file cannot be opened for appending.
  public init(appendingTo path: String, echo: ((AuditRecord) -> Void)? = nil) throws(RiskError) {
    file = try AppendOnlyFile(path: path, what: "audit log")
    self.echo = echo
  }

  /// Every record so far, oldest first.
  public var records: [AuditRecord] { state.withLock { $0.records } }

  /// The last write error (the record stays in memory; the run goes on), if any.
  public var writeError: String? { state.withLock { $0.writeError } }

  /// Appends a record.
  public func append(_ record: AuditRecord) {
    state.withLock { state in
      state.records.append(record)
      echo?(record)
      if let error = file?.append(record.jsonLine + "\n", sync: true) { state.writeError = error }
    }
  }
}
