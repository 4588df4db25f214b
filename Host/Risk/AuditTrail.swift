/// The append-only audit log: every record is kept in memory (reports, tests, `tradehost
/// status`) and, when a file is given, appended to it as one JSON line and flushed to disk
/// (`fdatasync`) before `append` returns. The file is opened with `O_APPEND` and never
/// truncated or rewritten.
///
/// Kernel-thread only. `append` blocks on the disk when a file is set; records are rare (state
/// changes, breaker transitions, manual actions, host exits), never one per order.
public final class AuditTrail {
  /// Every record so far, oldest first.
  public private(set) var records: [AuditRecord] = []
  /// The audit file, if any.
  public var path: String? { file?.path }
  private let file: AppendOnlyFile?
  /// The last write error (the record stays in memory; the run goes on), if any.
  public private(set) var writeError: String?
  /// Called after each record (log lines).
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

  /// Appends a record.
  public func append(_ record: AuditRecord) {
    records.append(record)
    echo?(record)
    if let error = file?.append(record.jsonLine + "\n", sync: true) { writeError = error }
  }
}
