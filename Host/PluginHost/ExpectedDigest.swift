/// A library's expected SHA-256 and where it was recorded.
public struct ExpectedDigest: Sendable, Equatable {
  /// Lowercase hex.
  public let digest: String
  /// The manifest's `sha256`, or a lock file.
  public let source: Source

  public init(digest: String, source: Source) {
    self.digest = digest
    self.source = source
  }

  /// Where a digest was recorded.
  public enum Source: Sendable, Equatable {
    /// The manifest's `sha256`.
    case manifest
    /// The lock file at this path.
    case lockFile(String)
  }
}
