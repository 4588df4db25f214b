/// Why a cache entry could not be written. The data itself is fine; callers usually report it
/// and go on without the cache. Plain data.
public struct DataCacheError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The file or directory concerned.
  public let path: String
  /// One sentence saying what failed.
  public let message: String

  public init(path: String, message: String) {
    self.path = path
    self.message = message
  }

  public var description: String { "\(path): \(message)" }
}
