#if canImport(Glibc)
  import Glibc
#endif
import MarketData

/// A file only ever appended to: opened with `O_APPEND` (created with mode 0600; a symbolic link
/// at `path` is refused, `O_NOFOLLOW`), never rewritten. The audit log and the paper host's
/// denial journal (`RotatingFile`) write JSON lines through it.
///
/// Records are whole or absent: when a write fails part-way (a full disk) or the flush fails,
/// the file is truncated back to where the record started, so no torn line is left for the
/// next record to glue onto. The system calls go through `calls` (a test seam).
///
/// One thread at a time (callers serialise); `append` blocks on the disk.
public final class AppendOnlyFile {
  public let path: String
  private let descriptor: Int32
  private let calls: any FileCalls

  /// Opens (or creates) `path` for appending; throws one sentence when it cannot.
  public init(path: String, what: String, calls: any FileCalls = SystemFileCalls())
    throws(RiskError)
  {
    let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
    guard descriptor >= 0 else {
      throw RiskError("cannot open the \(what) \(path): \(String(cString: strerror(errno)))")
    }
    self.path = path
    self.descriptor = descriptor
    self.calls = calls
  }

  deinit {
    close(descriptor)
  }

  /// Appends `text` whole (retrying short writes and interrupts) and, when `sync`, flushes it
  /// to disk (`fsync`) before returning. On failure the file is cut back to its length before
  /// the call and the system's error text is returned.
  @discardableResult
  public func append(_ text: String, sync: Bool) -> String? {
    var status = stat()
    let start = fstat(descriptor, &status) == 0 ? Int(status.st_size) : nil
    var copy = text
    let failure: String? = copy.withUTF8 { bytes in
      guard bytes.count == 0 || calls.writeAll(descriptor, bytes.baseAddress!, bytes.count) else {
        return String(cString: strerror(errno))
      }
      if sync && calls.fsync(descriptor) != 0 { return String(cString: strerror(errno)) }
      return nil
    }
    guard let failure else { return nil }
    if let start, calls.truncate(descriptor, to: start) != 0 {
      return "\(path): \(failure); the partial record could not be removed: \(String(cString: strerror(errno)))"
    }
    return "\(path): \(failure)"
  }
}
