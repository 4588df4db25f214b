#if canImport(Glibc)
  import Glibc
#endif

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
  public let path: String?
  private let descriptor: Int32
  /// The last write error (the record stays in memory; the run goes on), if any.
  public private(set) var writeError: String?
  /// Called after each record (log lines).
  private let echo: ((AuditRecord) -> Void)?

  /// An audit trail in memory only.
  public init(echo: ((AuditRecord) -> Void)? = nil) {
    path = nil
    descriptor = -1
    self.echo = echo
  }

  /// An audit trail appended to `path` (created with mode 0600 when missing). Throws when the
  /// file cannot be opened for appending.
  public init(appendingTo path: String, echo: ((AuditRecord) -> Void)? = nil) throws(RiskError) {
    let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
    guard descriptor >= 0 else {
      throw RiskError("cannot open the audit log \(path): \(String(cString: strerror(errno)))")
    }
    self.path = path
    self.descriptor = descriptor
    self.echo = echo
  }

  deinit {
    if descriptor >= 0 { close(descriptor) }
  }

  /// Appends a record.
  public func append(_ record: AuditRecord) {
    records.append(record)
    echo?(record)
    guard descriptor >= 0 else { return }
    let line = record.jsonLine + "\n"
    let failed = line.utf8CString.withUnsafeBufferPointer { buffer -> Bool in
      var offset = 0
      let total = buffer.count - 1
      while offset < total {
        let written = write(descriptor, buffer.baseAddress! + offset, total - offset)
        if written < 0 {
          if errno == EINTR { continue }
          return true
        }
        offset += written
      }
      return fdatasync(descriptor) != 0
    }
    if failed { writeError = "\(path ?? ""): \(String(cString: strerror(errno)))" }
  }
}
