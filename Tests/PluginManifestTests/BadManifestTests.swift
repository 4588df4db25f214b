import PluginManifest
import Testing

@Suite("Invalid manifests: one fixture per kind of mistake")
struct BadManifestTests {
  @Test func yamlSyntaxError() {
    let problems = Fixtures.problems("syntax-error.yaml")
    #expect(problems.count == 1)
    expectProblem(problems, line: 8, column: 1, "invalid YAML: did not find expected ',' or ']'")
    expectProblem(problems, line: 8, "flow sequence at line 7, column 13")
  }

  @Test func unknownTopLevelKey() {
    let problems = Fixtures.problems("unknown-key-top.yaml")
    #expect(problems.count == 2)
    expectProblem(
      problems, line: 6, column: 1, "unknown key `descripton`; did you mean `description`?")
    expectProblem(problems, line: 8, column: 1, "unknown key `colour`")
  }

  @Test func unknownParameterKey() {
    let problems = Fixtures.problems("unknown-key-parameter.yaml")
    #expect(problems.count == 1)
    expectProblem(problems, line: 11, column: 5, "parameters.period: unknown key `minimum`")
  }

  @Test func missingKeysPointAtTheEnclosingMapping() {
    let problems = Fixtures.problems("missing-key.yaml")
    #expect(problems.count == 2)
    expectProblem(problems, line: 2, column: 1, "missing required key `version`")
    expectProblem(problems, line: 9, column: 5, "parameters.period: missing required key `default`")
  }

  @Test func wrongTypesSayWhatWasExpectedAndFound() {
    let problems = Fixtures.problems("wrong-type.yaml")
    #expect(problems.count == 5)
    expectProblem(
      problems, line: 6, column: 14, "description: expected a non-empty string, found a list")
    expectProblem(
      problems, line: 7, column: 16,
      "state_version: expected an integer from 0 to 4294967295, found -1")
    expectProblem(
      problems, line: 11, column: 14,
      #"parameters.fast_period.default: expected an integer, found "ten""#)
    expectProblem(
      problems, line: 14, column: 14,
      #"parameters.ratio.default: expected a number, found the string "0.5""#)
    expectProblem(
      problems, line: 17, column: 14,
      "parameters.enabled.default: expected true or false, found yes")
  }

  @Test func duplicateKeysAtEveryLevel() {
    let problems = Fixtures.problems("duplicate-key.yaml")
    #expect(problems.count == 3)
    expectProblem(
      problems, line: 11, column: 5,
      "parameters.period: duplicate key `default`; it was first given at line 10")
    expectProblem(
      problems, line: 12, column: 3,
      "parameters: duplicate key `period`; it was first given at line 8")
    expectProblem(
      problems, line: 13, column: 1, "duplicate key `kind`; it was first given at line 2")
  }

  @Test func badSemanticVersion() {
    let problems = Fixtures.problems("bad-semver.yaml")
    #expect(problems.count == 1)
    expectProblem(
      problems, line: 3, column: 10,
      #"version: expected a semantic version MAJOR.MINOR.PATCH such as 1.2.0, found "1.02.3""#)
  }

  @Test func badABIVersion() {
    let problems = Fixtures.problems("bad-abi.yaml")
    #expect(problems.count == 1)
    expectProblem(
      problems, line: 4, column: 6,
      #"abi: expected an ABI version MAJOR.MINOR such as 1.0, found "1.0.0""#)
  }

  @Test func badSHA256() {
    let problems = Fixtures.problems("bad-sha256.yaml")
    #expect(problems.count == 1)
    expectProblem(
      problems, line: 6, column: 9,
      #"sha256: expected 64 hexadecimal characters, found the character "g""#)
  }

  @Test func badID() {
    let problems = Fixtures.problems("bad-id.yaml")
    #expect(problems.count == 1)
    expectProblem(problems, line: 1, column: 5, #"id: expected an id of 1 to 64 characters"#)
    expectProblem(problems, line: 1, #"found "EMA_Cross""#)
  }

  @Test func defaultOutOfBoundsOrOffStep() {
    let problems = Fixtures.problems("default-out-of-bounds.yaml")
    #expect(problems.count == 2)
    expectProblem(
      problems, line: 10, column: 14, "parameters.fast_period.default: 1000 is above max 500")
    expectProblem(
      problems, line: 15, column: 14,
      "parameters.ratio.default: 0.3 is not min 0 plus a whole multiple of step 0.25")
  }

  @Test func enumDefaultNotAmongChoices() {
    let problems = Fixtures.problems("enum-default-not-in-choices.yaml")
    #expect(problems.count == 1)
    expectProblem(
      problems, line: 11, column: 14,
      "parameters.sizing.default: kelly is not one of the choices fixed, percent")
  }

  @Test func minGreaterThanMax() {
    let problems = Fixtures.problems("min-greater-than-max.yaml")
    #expect(problems.count == 1)
    expectProblem(
      problems, line: 11, column: 10, "parameters.period.min: min 50 is greater than max 5")
  }

  @Test func kindSpecificKeyOnWrongKind() {
    let problems = Fixtures.problems("kind-key-on-wrong-kind.yaml")
    #expect(problems.count == 2)
    expectProblem(problems, line: 7, column: 1, "`outputs` is only allowed for kind indicator")
    expectProblem(problems, line: 8, column: 1, "`venue` is only allowed for kind exchange")
  }

  @Test func indicatorWithoutOutputs() {
    let problems = Fixtures.problems("indicator-without-outputs.yaml")
    #expect(problems.count == 1)
    expectProblem(problems, line: 1, column: 1, "missing required key `outputs` for kind indicator")
  }

  @Test func emptyFile() {
    let problems = Fixtures.problems("empty.yaml")
    #expect(
      problems == [
        ManifestProblem(file: Fixtures.path("bad/empty.yaml"), message: "the file is empty")
      ])
  }

  @Test func rootNotAMapping() {
    let problems = Fixtures.problems("root-not-mapping.yaml")
    #expect(problems.count == 1)
    expectProblem(
      problems, line: 1, column: 1,
      "the top level must be a mapping of keys to values, found a list")
  }

  @Test func notUTF8() {
    let problems = Fixtures.problems("not-utf8.yaml")
    #expect(problems.count == 1)
    expectProblem(
      problems, line: 6, column: 17, "the file is not UTF-8 text (invalid byte at offset 88)")
  }

  @Test func aliasAsKeyIsRejectedBeforeExpansion() {
    let problems = Fixtures.problems("alias-key.yaml")
    #expect(problems.count == 1)
    expectProblem(
      problems, line: 8, column: 3, "an alias (`*name`) cannot be used in a mapping key")
  }

  @Test func severalProblemsAreAllReportedInLineOrder() {
    let problems = Fixtures.problems("several-problems.yaml")
    let file = Fixtures.path("bad/several-problems.yaml")
    #expect(problems.allSatisfy { $0.file == file })
    #expect(problems.map(\.line) == [1, 3, 6, 7, 8, 14, 15, 17, 22])
    expectProblem(problems, line: 1, column: 5, #"id: expected an id"#)
    expectProblem(
      problems, line: 3, column: 10,
      "version: expected a semantic version MAJOR.MINOR.PATCH such as 1.2.0, found 1.0")
    expectProblem(
      problems, line: 6, column: 9, "sha256: expected 64 hexadecimal characters, found 3 characters"
    )
    expectProblem(
      problems, line: 7, column: 14,
      #"description: expected a non-empty string, found the string """#)
    expectProblem(problems, line: 8, column: 1, "unknown key `unknown`")
    expectProblem(
      problems, line: 14, column: 11, "parameters.fast_period.step: expected an integer, found 0.5")
    expectProblem(problems, line: 15, column: 3, #"parameters: invalid parameter name "Mode""#)
    expectProblem(
      problems, line: 17, column: 18, #"parameters.Mode.choices[1]: duplicate choice "a""#)
    expectProblem(
      problems, line: 22, column: 5,
      "parameters.flag: `max` is only allowed for int and float parameters")
  }
}
