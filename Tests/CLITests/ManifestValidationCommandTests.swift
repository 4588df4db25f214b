import HostTestKit
import Testing

/// `plugins validate` on each bad manifest fixture: exit 1, every problem on its own line with
/// file, line and column, then the count.
@Suite("tradehost plugins validate: bad manifests")
struct ManifestValidationCommandTests {
  static let cases: [(file: String, problems: [String])] = [
    ("syntax-error", ["8:1: invalid YAML: did not find expected ',' or ']'"]),
    (
      "unknown-key-top",
      ["6:1: unknown key `descripton`; did you mean `description`?", "8:1: unknown key `colour`"]
    ),
    ("unknown-key-parameter", ["11:5: parameters.period: unknown key `minimum`"]),
    (
      "missing-key",
      [
        "2:1: missing required key `version`",
        "9:5: parameters.period: missing required key `default`",
      ]
    ),
    (
      "wrong-type",
      [
        "6:14: description: expected a non-empty string, found a list",
        "7:16: state_version: expected an integer from 0 to 4294967295, found -1",
        "11:14: parameters.fast_period.default: expected an integer, found \"ten\"",
        "14:14: parameters.ratio.default: expected a number, found the string \"0.5\"",
      ]
    ),
    (
      "default-out-of-bounds",
      [
        "10:14: parameters.fast_period.default: 1000 is above max 500",
        "15:14: parameters.ratio.default: 0.3 is not min 0 plus a whole multiple of step 0.25",
      ]
    ),
    ("duplicate-key", ["13:1: duplicate key `kind`; it was first given at line 2"]),
    ("empty", [": the file is empty"]),
    ("root-not-mapping", ["1:1: the top level must be a mapping of keys to values, found a list"]),
    ("bad-abi", ["4:6: abi: expected an ABI version MAJOR.MINOR such as 1.0, found \"1.0.0\""]),
  ]

  @Test("each bad manifest: its problems, then exit 1", arguments: cases)
  func badManifest(file: String, problems: [String]) throws {
    let path = "Tests/Fixtures/manifests/bad/\(file).yaml"
    let output = try CLI.run(["plugins", "validate", "--manifest-only", path])
    #expect(output.status == 1)
    let lines = output.stderr.split(separator: "\n").map(String.init)
    for problem in problems {
      #expect(
        lines.contains { $0.hasPrefix(path) && $0.contains(problem) },
        "missing: \(problem)\n\(output.stderr)")
    }
    #expect(lines.last?.hasSuffix("in 1 manifest") == true)
  }

  @Test("good manifests of every kind pass the manifest check")
  func goodManifests() throws {
    let output = try CLI.run([
      "plugins", "validate", "--manifest-only", "Tests/Fixtures/manifests/good",
    ])
    #expect(output.status == 0, "\(output.stderr)")
    #expect(output.stdout.split(separator: "\n").count == 4)
  }
}
