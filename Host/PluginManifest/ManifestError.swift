/// Everything wrong with one manifest (or with a manifest folder), reported at once.
///
/// `problems` is never empty and is sorted by line, then column, problems without a line first.
/// `description` has one line per problem.
public struct ManifestError: Error, Sendable, CustomStringConvertible {
  public let problems: [ManifestProblem]

  public init(problems: [ManifestProblem]) {
    self.problems = problems
  }

  /// A single problem with no place in the file.
  init(file: String, message: String) {
    self.problems = [ManifestProblem(file: file, message: message)]
  }

  public var description: String {
    problems.map(\.description).joined(separator: "\n")
  }
}
