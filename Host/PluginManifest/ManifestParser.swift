import Foundation
import YAMLSupport

/// Reads plugin manifests: YAML text to a validated `Manifest`, or every problem in it.
///
/// Pure parsing and validation: nothing here opens the library. No input makes these functions
/// trap; every failure is a `ManifestProblem` with the file and, where the input has one, the line
/// and column. The schema is documented in `docs/manifest.md`.
public enum ManifestParser {
  /// Manifests larger than this many bytes of UTF-8 are rejected unread.
  public static let maximumSize = 1 << 20

  /// Parses and validates the manifest `text`.
  ///
  /// - Parameters:
  ///   - text: The whole file. A leading byte order mark is ignored.
  ///   - file: The manifest's path, used in problems and to resolve `library`; a relative path is
  ///     taken relative to the current directory.
  /// - Returns: The manifest, or all problems in document order.
  public static func parse(_ text: String, file: String) -> Result<Manifest, ManifestError> {
    var body = Substring(text)
    if body.unicodeScalars.first == "\u{FEFF}" { body = Substring(body.unicodeScalars.dropFirst()) }
    if body.utf8.count > maximumSize {
      return .failure(
        ManifestError(file: file, message: "the file is larger than \(maximumSize) bytes"))
    }
    if body.allSatisfy(\.isWhitespace) {
      return .failure(ManifestError(file: file, message: "the file is empty"))
    }
    switch ComposedDocument.compose(String(body)) {
    case .empty:
      return .failure(
        ManifestError(file: file, message: "the file has no YAML content, only comments"))
    case .invalid(let place, let problem):
      return .failure(
        ManifestError(problems: [
          ManifestProblem(
            file: file, line: place?.line, column: place?.column, message: Self.sentence(problem))
        ]))
    case .document(let document):
      var validator = ManifestValidator(
        file: file, document: document,
        currentDirectory: FileManager.default.currentDirectoryPath
      )
      if let manifest = validator.validate() { return .success(manifest) }
      return .failure(ManifestError(problems: sorted(validator.problems)))
    }
  }

  /// Problems by line and column, those without a line first, otherwise in the order found.
  static func sorted(_ problems: [ManifestProblem]) -> [ManifestProblem] {
    problems.enumerated().sorted { a, b in
      let left = (a.element.line ?? 0, a.element.column ?? 0)
      let right = (b.element.line ?? 0, b.element.column ?? 0)
      return left != right ? left < right : a.offset < b.offset
    }.map(\.element)
  }
}

extension ManifestParser {
  /// A YAML problem in manifest words.
  static func sentence(_ problem: ComposedDocument.Problem) -> String {
    switch problem {
    case .syntax(let text): "invalid YAML: \(text)"
    case .repeatedKey(let name, let tooMany):
      "duplicate key `\(name)`"
        + (tooMany ? "; keys repeat too often to check the rest of the file" : "")
    case .alias: "an alias (`*name`) cannot be used in a mapping key"
    }
  }
}
