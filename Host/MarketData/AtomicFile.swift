#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes a file so readers see either the old content or the whole new content, never a part,
/// and (with `durable`) so the new content survives a crash once `write` returns: the bytes go
/// to a uniquely named temporary file in the same directory, which is flushed (`fsync`), renamed
/// over the target (`rename(2)` is atomic within a file system), and then the directory itself
/// is flushed so the rename is on disk. Any failure leaves the old file in place and removes
/// the temporary one. Blocking I/O; any thread; concurrent writers of one target each rename a
/// complete file, and the last one wins. The system calls go through `calls` (a test seam).
///
/// The new file is created with `mode` from the start (less the umask), so a private file
/// (0600: the risk state) is never readable by others, not even for a moment.
public enum AtomicFile {
  public static func write(
    _ bytes: [UInt8], to path: String, mode: mode_t = 0o644, durable: Bool = false,
    calls: any FileCalls = SystemFileCalls()
  ) throws(DataCacheError) {
    let temporary = path + ".tmp-\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
    let descriptor = open(
      temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, mode)
    guard descriptor >= 0 else { throw failure(temporary, "cannot create the file") }
    var problem: String?
    let written = bytes.withUnsafeBytes { raw in
      raw.count == 0 || calls.writeAll(descriptor, raw.baseAddress!, raw.count)
    }
    if !written {
      problem = "cannot write the file: \(String(cString: strerror(errno)))"
    } else if durable && calls.fsync(descriptor) != 0 {
      problem = "cannot flush the file to disk: \(String(cString: strerror(errno)))"
    }
    if close(descriptor) != 0 && problem == nil {
      problem = "cannot close the file: \(String(cString: strerror(errno)))"
    }
    if problem == nil && calls.rename(temporary, path) != 0 {
      problem = "cannot rename into place: \(String(cString: strerror(errno)))"
    }
    if let problem {
      unlink(temporary)
      throw DataCacheError(path: path, message: problem)
    }
    if durable, let error = calls.syncFolder(folder(of: path)) {
      throw DataCacheError(
        path: path, message: "renamed into place, but the folder could not be flushed: \(error)")
    }
  }

  /// The folder `path` is in (`.` for a bare name).
  static func folder(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    return slash == path.startIndex ? "/" : String(path[..<slash])
  }

  private static func failure(_ path: String, _ what: String) -> DataCacheError {
    DataCacheError(path: path, message: "\(what): \(String(cString: strerror(errno)))")
  }
}
