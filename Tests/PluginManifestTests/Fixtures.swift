import Foundation
import PluginManifest
import Testing

/// Paths to the manifest fixtures and helpers to read them.
///
/// The folder is found from this source file's own path (`Tests/PluginManifestTests/` ->
/// `Tests/Fixtures/manifests/`), so no resources are bundled.
enum Fixtures {
  static let root: String = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()
    .deletingLastPathComponent()
    .appendingPathComponent("Fixtures/manifests")
    .path

  static func path(_ relative: String) -> String {
    root + "/" + relative
  }

  /// The manifest in `good/<name>`; records an issue and returns nil if it does not parse.
  static func good(_ name: String, sourceLocation: SourceLocation = #_sourceLocation) -> Manifest? {
    switch ManifestParser.load(path: path("good/" + name)) {
    case .success(let manifest):
      return manifest
    case .failure(let error):
      Issue.record("expected \(name) to be valid:\n\(error)", sourceLocation: sourceLocation)
      return nil
    }
  }

  /// The problems of `bad/<name>`; records an issue and returns [] if it parses.
  static func problems(_ name: String, sourceLocation: SourceLocation = #_sourceLocation)
    -> [ManifestProblem]
  {
    problems(in: ManifestParser.load(path: path("bad/" + name)), sourceLocation: sourceLocation)
  }

  /// The problems of an inline manifest text.
  static func problems(text: String, sourceLocation: SourceLocation = #_sourceLocation)
    -> [ManifestProblem]
  {
    problems(in: ManifestParser.parse(text, file: "inline.yaml"), sourceLocation: sourceLocation)
  }

  private static func problems(
    in result: Result<Manifest, ManifestError>, sourceLocation: SourceLocation
  ) -> [ManifestProblem] {
    switch result {
    case .success(let manifest):
      Issue.record(
        "expected problems, but \(manifest.file) is valid", sourceLocation: sourceLocation)
      return []
    case .failure(let error):
      return error.problems
    }
  }
}

/// Expects exactly one problem at `line`:`column` whose message contains `text`.
func expectProblem(
  _ problems: [ManifestProblem], line: Int?, column: Int? = nil, _ text: String,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  let matching = problems.filter { $0.line == line && $0.message.contains(text) }
  let place = line.map(String.init) ?? "-"
  let all = problems.map(\.description).joined(separator: "\n")
  #expect(
    matching.count == 1,
    "no single problem at line \(place) containing \(text.debugDescription) in:\n\(all)",
    sourceLocation: sourceLocation)
  if let column, let problem = matching.first {
    #expect(problem.column == column, "\(problem)", sourceLocation: sourceLocation)
  }
}

/// A minimal valid strategy manifest, with `extra` appended (one key per line).
func strategyText(_ extra: String = "") -> String {
  """
  id: sample
  kind: strategy
  version: 1.0.0
  abi: 1.0
  library: libsample.so
  description: A sample.

  """ + extra
}
