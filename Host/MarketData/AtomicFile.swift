#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes a file so readers see either the old content or the whole new content, never a part:
/// the bytes go to a uniquely named temporary file in the same directory, which is then renamed
/// over the target (`rename(2)` is atomic within a file system). Blocking I/O; any thread;
/// concurrent writers of one target each rename a complete file, and the last one wins.
///
/// The new file is created with `mode` from the start (less the umask), so a private file
/// (0600: the risk state) is never readable by others, not even for a moment.
public enum AtomicFile {
  public static func write(_ bytes: [UInt8], to path: String, mode: mode_t = 0o644)
    throws(DataCacheError)
  {
    let temporary = path + ".tmp-\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
    let descriptor = open(
      temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, mode)
    guard descriptor >= 0 else { throw failure(temporary, "cannot create the file") }
    var written = 0
    var problem: String?
    bytes.withUnsafeBytes { raw in
      while written < raw.count {
        let count = posixWrite(descriptor, raw.baseAddress! + written, raw.count - written)
        if count < 0 {
          if errno == EINTR { continue }
          problem = "cannot write the file: \(String(cString: strerror(errno)))"
          return
        }
        written += count
      }
    }
    if close(descriptor) != 0 && problem == nil {
      problem = "cannot close the file: \(String(cString: strerror(errno)))"
    }
    if problem == nil && rename(temporary, path) != 0 {
      problem = "cannot rename into place: \(String(cString: strerror(errno)))"
    }
    if let problem {
      unlink(temporary)
      throw DataCacheError(path: path, message: problem)
    }
  }

  private static func failure(_ path: String, _ what: String) -> DataCacheError {
    DataCacheError(path: path, message: "\(what): \(String(cString: strerror(errno)))")
  }
}

/// `write(2)`, callable where a member named `write` shadows it.
@inline(__always)
private func posixWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
  write(descriptor, buffer, count)
}
