#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What the cache remembers of a source file to tell whether it changed: its size and its
/// modification time (ns), from `stat(2)`. Plain data; `of(path:)` is a blocking system call.
public struct SourceStamp: Sendable, Hashable {
  /// The file's size in bytes.
  public var size: UInt64
  /// The file's modification time, ns since the epoch.
  public var modified: Int64

  public init(size: UInt64, modified: Int64) {
    self.size = size
    self.modified = modified
  }

  /// The stamp of the file at `path`, `nil` when it cannot be stat'ed.
  public static func of(path: String) -> SourceStamp? {
    var status = stat()
    guard stat(path, &status) == 0 else { return nil }
    #if canImport(Darwin)
      let time = status.st_mtimespec
    #else
      let time = status.st_mtim
    #endif
    return SourceStamp(
      size: UInt64(status.st_size),
      modified: Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec))
  }
}
