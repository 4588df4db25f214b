#if canImport(Glibc)
  import Glibc
#endif

/// The system calls the host's durable files (the audit log, the risk state, journals) are
/// written with: a seam, so tests can make a disk "fill up" or fail at any step (HostTestKit's
/// `FailingFileCalls`). Each call behaves like its system call: -1 (or a short count) with
/// `errno` set on failure.
///
/// Implementation requirements: any thread; must not keep the descriptors it is given.
public protocol FileCalls: Sendable {
  /// `write(2)`.
  func write(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int
  /// `fsync(2)` (`fdatasync` where only the data matters is not used: a new file's size and
  /// a directory entry must reach the disk too).
  func fsync(_ descriptor: Int32) -> Int32
  /// `ftruncate(2)`.
  func truncate(_ descriptor: Int32, to length: Int) -> Int32
  /// `rename(2)`.
  func rename(_ from: String, _ to: String) -> Int32
}

/// The real system calls.
public struct SystemFileCalls: FileCalls {
  public init() {}

  public func write(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    Glibc.write(descriptor, buffer, count)
  }

  public func fsync(_ descriptor: Int32) -> Int32 { Glibc.fsync(descriptor) }

  public func truncate(_ descriptor: Int32, to length: Int) -> Int32 {
    ftruncate(descriptor, off_t(length))
  }

  public func rename(_ from: String, _ to: String) -> Int32 { Glibc.rename(from, to) }
}

extension FileCalls {
  /// Writes all of `count` bytes, retrying short writes and interrupts; `false` on an error
  /// (`errno` set; part of the bytes may have been written).
  public func writeAll(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Bool {
    var offset = 0
    while offset < count {
      let written = write(descriptor, buffer + offset, count - offset)
      if written < 0 {
        if errno == EINTR { continue }
        return false
      }
      if written == 0 {
        errno = ENOSPC
        return false
      }
      offset += written
    }
    return true
  }

  /// Flushes the directory `folder` itself to disk, so a rename or a new file in it survives a
  /// crash; the system's error text on failure.
  public func syncFolder(_ folder: String) -> String? {
    let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard descriptor >= 0 else { return String(cString: strerror(errno)) }
    defer { close(descriptor) }
    return fsync(descriptor) == 0 ? nil : String(cString: strerror(errno))
  }
}
