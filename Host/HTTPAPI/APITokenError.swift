/// Why the API token could not be had. `description` is one sentence; it never contains the
/// token.
public enum APITokenError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The token from `source` has fewer than `APIToken.minimumLength` characters.
  case tooShort(source: String, length: Int)
  /// The token file could not be read or created, or is not safe to use.
  case file(path: String, problem: String)

  public var description: String {
    switch self {
    case .tooShort(let source, let length):
      "the API token from \(source) has \(length) characters; it needs at least \(APIToken.minimumLength)"
    case .file(let path, let problem):
      "the API token file \(path) cannot be used: \(problem)"
    }
  }
}
