import Foundation
import PluginManifest
import Testing

/// The rules not covered by a fixture, on inline manifests (lines 1-6 are a valid strategy).
@Suite("Validation rules")
struct ValidationRuleTests {
  @Test func kindMustBeKnown() {
    let problems = Fixtures.problems(
      text: strategyText("outputs: []\n")
        .replacingOccurrences(of: "kind: strategy", with: "kind: strat"))
    #expect(problems.count == 2)
    expectProblem(
      problems, line: 2, column: 7,
      #"kind: expected one of strategy, indicator, model, exchange, found "strat""#)
    // Without a valid kind, kind-specific values are still checked, but not required.
    expectProblem(
      problems, line: 7, column: 10,
      "outputs: expected a non-empty list of output names, found an empty list")
  }

  @Test func modelRules() {
    let model = strategyText("features: 0\nvenue: SIM\n").replacingOccurrences(
      of: "kind: strategy", with: "kind: model")
    let problems = Fixtures.problems(text: model)
    #expect(problems.count == 3)
    expectProblem(problems, line: 1, column: 1, "missing required key `output` for kind model")
    expectProblem(problems, line: 7, column: 11, "features: expected a positive integer, found 0")
    expectProblem(problems, line: 8, column: 1, "`venue` is only allowed for kind exchange")
  }

  @Test func modelOutputAndIndicatorInputValues() {
    let model = strategyText("output: odds\n").replacingOccurrences(
      of: "kind: strategy", with: "kind: model")
    expectProblem(
      Fixtures.problems(text: model), line: 7, column: 9,
      #"output: expected score or probability, found "odds""#)
    let indicator = strategyText("outputs: [a, b, a]\ninput: tick\n")
      .replacingOccurrences(of: "kind: strategy", with: "kind: indicator")
    let problems = Fixtures.problems(text: indicator)
    #expect(problems.count == 2)
    expectProblem(problems, line: 7, column: 17, #"outputs[2]: duplicate output name "a""#)
    expectProblem(problems, line: 8, column: 8, #"input: expected bar or value, found "tick""#)
  }

  @Test func exchangeNeedsVenue() {
    let text = strategyText().replacingOccurrences(of: "kind: strategy", with: "kind: exchange")
    expectProblem(
      Fixtures.problems(text: text), line: 1, column: 1,
      "missing required key `venue` for kind exchange")
  }

  @Test func entryToolchainLibraryAndDescription() {
    let text = """
      id: x
      kind: strategy
      version: 1.0.0
      abi: 1.0
      library: "lib\\0.so"
      description: "   "
      entry: 2fast
      toolchain: swift-6
      """
    let problems = Fixtures.problems(text: text)
    #expect(problems.count == 4)
    expectProblem(
      problems, line: 5, column: 10, "library: the library path must not contain control characters"
    )
    expectProblem(problems, line: 6, column: 14, "description: expected a non-empty string")
    expectProblem(
      problems, line: 7, column: 8,
      "entry: expected a C symbol name (letters, digits and '_', not starting with a digit), "
        + #"found "2fast""#
    )
    expectProblem(
      problems, line: 8, column: 12,
      #"toolchain: expected swift-X.Y or swift-X.Y.Z, found "swift-6""#)
  }

  @Test func emptyValuesAreReportedAsNothing() {
    let problems = Fixtures.problems(text: strategyText("parameters:\nsha256: ~\n"))
    #expect(problems.count == 2)
    expectProblem(
      problems, line: 7, column: 12,
      "parameters: expected a mapping of parameter names to specs, found nothing")
    expectProblem(
      problems, line: 8, column: 9, "sha256: expected 64 hexadecimal characters, found null")
  }

  @Test func parameterSpecShapeRules() {
    let text = strategyText(
      """
      parameters:
        a: 5
        b: {type: enum, default: x}
        c: {type: int, default: 1, choices: [x]}
        d: {type: float, default: 1, step: 0}
        e: {type: int, default: 1, max: 2.5}
        f: {type: bool, default: true, step: 1}
        g: {type: enum, default: x, choices: []}
        h: {type: text, default: x}
        i: {type: int, default: 99999999999999999999}
        j: {type: float, default: .inf}
      """)
    let problems = Fixtures.problems(text: text)
    #expect(problems.count == 10)
    expectProblem(
      problems, line: 8, column: 6,
      "parameters.a: expected a parameter spec (a mapping with `type` and `default`), found 5")
    expectProblem(
      problems, line: 9, column: 6,
      "parameters.b: missing required key `choices` for an enum parameter")
    expectProblem(
      problems, line: 10, column: 30, "parameters.c: `choices` is only allowed for enum parameters")
    expectProblem(
      problems, line: 11, column: 38, "parameters.d.step: step must be greater than 0, found 0")
    expectProblem(
      problems, line: 12, column: 35, "parameters.e.max: expected an integer, found 2.5")
    expectProblem(
      problems, line: 13, column: 34,
      "parameters.f: `step` is only allowed for int and float parameters")
    expectProblem(
      problems, line: 14, column: 40,
      "parameters.g.choices: expected a non-empty list of choices, found an empty list")
    expectProblem(
      problems, line: 15, column: 13,
      #"parameters.h.type: expected one of int, float, bool, enum, found "text""#)
    expectProblem(
      problems, line: 16, column: 27,
      "parameters.i.default: expected an integer, found 99999999999999999999")
    expectProblem(
      problems, line: 17, column: 29, "parameters.j.default: expected a number, found .inf")
  }

  @Test func defaultBelowMinAndOffIntegerStep() {
    let text = strategyText(
      """
      parameters:
        a: {type: int, default: 1, min: 2}
        b: {type: int, default: 7, min: 1, step: 5}
        c: {type: float, default: 0.7, step: 0.1}
      """)
    let problems = Fixtures.problems(text: text)
    #expect(problems.count == 2)
    expectProblem(problems, line: 8, column: 27, "parameters.a.default: 1 is below min 2")
    expectProblem(
      problems, line: 9, column: 27,
      "parameters.b.default: 7 is not min 1 plus a whole multiple of step 5")
  }

  @Test func duplicateKeysInFlowMappingsKeepColumnsRight() {
    let text = strategyText("parameters: {p: {type: int, default: 1, type: int, default: x}}\n")
    let problems = Fixtures.problems(text: text)
    #expect(problems.count == 2)
    expectProblem(
      problems, line: 7, column: 41,
      "parameters.p: duplicate key `type`; it was first given at line 7")
    expectProblem(problems, line: 7, column: 52, "parameters.p: duplicate key `default`")
  }

  @Test func quotedAndPlainKeysAreTheSameKey() {
    let problems = Fixtures.problems(text: strategyText("\"id\": other\n'kind': model\n"))
    #expect(problems.count == 2)
    expectProblem(problems, line: 7, column: 1, "duplicate key `id`; it was first given at line 1")
    expectProblem(
      problems, line: 8, column: 1, "duplicate key `kind`; it was first given at line 2")
  }

  @Test func aRepeatedUnknownKeyIsUnknownOnceThenRepeated() {
    let problems = Fixtures.problems(text: strategyText("colour: red\ncolour: blue\n"))
    #expect(problems.count == 2)
    expectProblem(problems, line: 7, column: 1, "unknown key `colour`")
    expectProblem(
      problems, line: 8, column: 1, "duplicate key `colour`; it was first given at line 7")
  }

  @Test func tooManyRepeatedKeysFallBackToOneProblem() {
    let repeats = (0..<100).map { "x\($0 % 2): 1" }.joined(separator: "\n")
    let problems = Fixtures.problems(text: strategyText(repeats))
    // The first 49 `x0` and the first 15 `x1` are renamed (64 in all); the 16th `x1`,
    // at line 38, is then reported as Yams reports it.
    #expect(problems.count == 1)
    expectProblem(
      problems, line: 38, column: 1,
      "duplicate key `x1`; keys repeat too often to check the rest of the file")
  }

  @Test func nonStringKeysAndSecondDocuments() {
    let problems = Fixtures.problems(text: strategyText("[a]: 1\n"))
    expectProblem(problems, line: 7, column: 1, "keys must be strings, found a list")
    let twoDocuments = Fixtures.problems(text: strategyText("---\nid: again\n"))
    #expect(twoDocuments.count == 1)
    expectProblem(
      twoDocuments, line: 7, column: 1,
      "invalid YAML: expected a single document in the stream, but found another document")
  }

  @Test func commentsOnlyAndWhitespaceOnly() {
    #expect(
      Fixtures.problems(text: "# nothing here\n").map(\.message) == [
        "the file has no YAML content, only comments"
      ])
    #expect(Fixtures.problems(text: " \n\t\n").map(\.message) == ["the file is empty"])
    let scalar = Fixtures.problems(text: "just text\n")
    expectProblem(
      scalar, line: 1, column: 1,
      #"the top level must be a mapping of keys to values, found "just text""#)
  }

  @Test func problemAndErrorDescriptions() {
    let located = ManifestProblem(file: "m.yaml", line: 7, column: 12, message: "id: bad")
    #expect(located.description == "m.yaml:7:12: id: bad")
    #expect(ManifestProblem(file: "m.yaml", line: 3, message: "x").description == "m.yaml:3: x")
    #expect(ManifestProblem(file: "m.yaml", message: "x").description == "m.yaml: x")
    let error = ManifestError(problems: [located, ManifestProblem(file: "m.yaml", message: "x")])
    #expect(error.description == "m.yaml:7:12: id: bad\nm.yaml: x")
  }
}
