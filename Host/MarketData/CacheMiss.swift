/// Why the cache had no usable entry. Every case means "parse again"; none is an error.
public enum CacheMiss: Sendable, Hashable, CustomStringConvertible {
  /// There is no entry file.
  case absent
  /// The entry is intact but describes another version of the source (size, time or digest
  /// differ) or another key.
  case stale(String)
  /// The entry is damaged (truncated, bad magic or version, checksum mismatch).
  case corrupt(String)

  public var description: String {
    switch self {
    case .absent: "no cache entry"
    case .stale(let reason): "stale cache entry: \(reason)"
    case .corrupt(let reason): "corrupt cache entry: \(reason)"
    }
  }
}
