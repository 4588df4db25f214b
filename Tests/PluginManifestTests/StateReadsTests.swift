import Foundation
import PluginManifest
import Testing

/// `state_reads`: which exported state versions a plugin's `import_state` can read (lines 1-6 of
/// every text are a valid strategy, so the keys under test start at line 7).
@Suite("state_reads")
struct StateReadsTests {
  /// Parses a manifest that must be valid.
  private func manifest(_ extra: String = "", sourceLocation: SourceLocation = #_sourceLocation)
    throws -> Manifest
  {
    switch ManifestParser.parse(strategyText(extra), file: "inline.yaml") {
    case .success(let manifest): return manifest
    case .failure(let error):
      Issue.record("expected a valid manifest:\n\(error)", sourceLocation: sourceLocation)
      throw error
    }
  }

  @Test("a declared list is kept in order and decides canImport")
  func declaredList() throws {
    let manifest = try manifest("state_version: 3\nstate_reads: [3, 1]\n")
    #expect(manifest.stateVersion == 3)
    #expect(manifest.stateReads == [3, 1])
    #expect(manifest.canImport(stateVersion: 1))
    #expect(manifest.canImport(stateVersion: 3))
    #expect(!manifest.canImport(stateVersion: 2))
    #expect(!manifest.canImport(stateVersion: 0))
  }

  @Test("the largest state version is accepted")
  func largestVersion() throws {
    let manifest = try manifest("state_version: 4294967295\nstate_reads: [1, 4294967295]\n")
    #expect(manifest.stateReads == [1, UInt32.max])
    #expect(manifest.canImport(stateVersion: UInt32.max))
  }

  @Test("without state_reads a plugin reads only its own state version")
  func defaults() throws {
    let stateful = try manifest("state_version: 2\n")
    #expect(stateful.stateReads == [2])
    #expect(stateful.canImport(stateVersion: 2))
    #expect(!stateful.canImport(stateVersion: 1))

    let stateless = try manifest("state_version: 0\n")
    #expect(stateless.stateReads == [])
    #expect(!stateless.canImport(stateVersion: 0))

    let undeclared = try manifest()
    #expect(undeclared.stateVersion == nil)
    #expect(undeclared.stateReads == [])
    #expect(!undeclared.canImport(stateVersion: 1))
  }

  @Test("Manifest.init defaults stateReads the way the parser does")
  func initializerDefault() throws {
    let one = try #require(SemanticVersion("1.0.0"))
    func make(_ version: UInt32?, reads: [UInt32]? = nil) -> Manifest {
      Manifest(
        file: "m.yaml", id: "m", kind: .strategy, version: one,
        abi: ABIVersion(major: 1, minor: 0), library: "lib.so", libraryPath: "/lib.so",
        description: "d", stateVersion: version, stateReads: reads)
    }
    #expect(make(4).stateReads == [4])
    #expect(make(0).stateReads == [])
    #expect(make(nil).stateReads == [])
    #expect(make(2, reads: [1, 2]).canImport(stateVersion: 1))
  }

  @Test("every bad item is reported at once, each at its place")
  func badItems() {
    let problems = Fixtures.problems(
      text: strategyText("state_version: 2\nstate_reads: [2, 0, x, 2, -1, 4294967296, 1.5]\n"))
    #expect(problems.count == 6)
    let expected = "expected a state version from 1 to 4294967295"
    expectProblem(problems, line: 8, column: 18, "state_reads[1]: \(expected), found 0")
    expectProblem(problems, line: 8, column: 21, #"state_reads[2]: \#(expected), found "x""#)
    expectProblem(problems, line: 8, column: 24, "state_reads[3]: duplicate state version 2")
    expectProblem(problems, line: 8, column: 27, "state_reads[4]: \(expected), found -1")
    expectProblem(problems, line: 8, column: 31, "state_reads[5]: \(expected), found 4294967296")
    expectProblem(problems, line: 8, column: 43, "state_reads[6]: \(expected), found 1.5")
  }

  @Test("a value that is not a list is one problem")
  func notAList() {
    for value in ["2", "{a: 1}", "\"1, 2\"", ""] {
      let problems = Fixtures.problems(
        text: strategyText("state_version: 2\nstate_reads: \(value)\n"))
      #expect(problems.count == 1, "\(value)")
      expectProblem(
        problems, line: 8, "state_reads: expected a list of state versions such as [1, 2], found")
    }
  }

  @Test("state_reads needs a state_version above 0")
  func needsStateVersion() {
    let missing = Fixtures.problems(text: strategyText("state_reads: [1]\n"))
    #expect(missing.count == 1)
    expectProblem(
      missing, line: 7, column: 1,
      "`state_reads` requires `state_version` (above 0, the version the plugin writes)")

    let zero = Fixtures.problems(text: strategyText("state_version: 0\nstate_reads: [1]\n"))
    #expect(zero.count == 1)
    expectProblem(zero, line: 8, column: 1, "`state_reads` requires `state_version` above 0")
  }

  @Test("state_reads must contain the plugin's own state_version")
  func mustContainOwnVersion() {
    let problems = Fixtures.problems(text: strategyText("state_version: 2\nstate_reads: [1, 3]\n"))
    #expect(problems.count == 1)
    expectProblem(
      problems, line: 8, column: 14, "state_reads: must include the plugin's own state_version 2")

    let empty = Fixtures.problems(text: strategyText("state_version: 2\nstate_reads: []\n"))
    #expect(empty.count == 1)
    expectProblem(empty, line: 8, "state_reads: must include the plugin's own state_version 2")
  }

  @Test("an invalid state_version is one problem, and the items are still checked")
  func invalidStateVersionIsReportedOnce() {
    let problems = Fixtures.problems(
      text: strategyText("state_version: two\nstate_reads: [1, 0]\n"))
    #expect(problems.count == 2)
    expectProblem(
      problems, line: 7, column: 16,
      #"state_version: expected an integer from 0 to 4294967295, found "two""#)
    expectProblem(
      problems, line: 8, column: 18,
      "state_reads[1]: expected a state version from 1 to 4294967295, found 0")
  }

  @Test("a misspelt key suggests state_reads")
  func misspeltKey() {
    let problems = Fixtures.problems(text: strategyText("state_version: 1\nstate_read: [1]\n"))
    #expect(problems.count == 1)
    expectProblem(
      problems, line: 8, column: 1, "unknown key `state_read`; did you mean `state_reads`?")
  }
}
