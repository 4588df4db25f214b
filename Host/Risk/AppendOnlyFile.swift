#if canImport(Glibc)
  import Glibc
#endif

/// A file only ever appended to: opened with `O_APPEND` (created with mode 0600; a symbolic link
/// at `path` is refused, `O_NOFOLLOW`), never truncated or rewritten. The audit log and the
/// paper host's denial journal (`RotatingFile`) write JSON lines through it.
///
/// One thread at a time (the kernel thread); `append` blocks on the disk.
public final class AppendOnlyFile {
  public let path: String
  private let descriptor: Int32

  /// Opens (or creates) `path` for appending; throws one sentence when it cannot.
  public init(path: String, what: String) throws(RiskError) {
    let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
    guard descriptor >= 0 else {
      throw RiskError("cannot open the \(what) \(path): \(String(cString: strerror(errno)))")
    }
    self.path = path
    self.descriptor = descriptor
  }

  deinit {
    close(descriptor)
  }

  /// Appends `text` whole (retrying short writes and interrupts) and, when `sync`, flushes it
  /// to disk (`fdatasync`) before returning. Returns the system's error text on failure.
  @discardableResult
  public func append(_ text: String, sync: Bool) -> String? {
    let failed = text.utf8CString.withUnsafeBufferPointer { buffer -> Bool in
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
      return sync && fdatasync(descriptor) != 0
    }
    return failed ? "\(path): \(String(cString: strerror(errno)))" : nil
  }
}
