#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads a whole file into memory with POSIX calls, turning every failure into a `DataError`.
/// Blocking I/O; any thread.
enum FileBytes {
  static func read(path: String) throws(DataError) -> [UInt8] {
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else { throw failure(path, "cannot open the file") }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0 else { throw failure(path, "cannot stat the file") }
    guard (status.st_mode & S_IFMT) == S_IFREG else {
      throw DataError(path: path, code: .unreadable, message: "not a regular file")
    }
    let size = Int(status.st_size)
    var failed: Int32 = 0
    let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
      initialized = 0
      while initialized < size {
        let count = posixRead(
          descriptor, buffer.baseAddress! + initialized, size - initialized)
        if count < 0 {
          if errno == EINTR { continue }
          failed = errno
          return
        }
        if count == 0 { break }  // the file shrank while being read
        initialized += count
      }
    }
    if failed != 0 {
      throw DataError(
        path: path, code: .unreadable, message: "cannot read the file: \(describe(failed))")
    }
    return bytes
  }

  private static func failure(_ path: String, _ what: String) -> DataError {
    DataError(path: path, code: .unreadable, message: "\(what): \(describe(errno))")
  }

  private static func describe(_ code: Int32) -> String {
    String(cString: strerror(code))
  }
}

/// `read(2)`, callable where a member named `read` shadows it.
@inline(__always)
private func posixRead(
  _ descriptor: Int32, _ buffer: UnsafeMutablePointer<UInt8>, _ count: Int
) -> Int {
  read(descriptor, buffer, count)
}
