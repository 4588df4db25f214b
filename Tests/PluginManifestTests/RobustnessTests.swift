import Foundation
import HostTestKit
import PluginManifest
import Testing

/// Hostile and random input: the parser must answer with problems, never trap or hang.
@Suite("Robustness")
struct RobustnessTests {
  private func expectWellFormed(_ result: Result<Manifest, ManifestError>, input: String) {
    guard case .failure(let error) = result else { return }
    #expect(!error.problems.isEmpty)
    for problem in error.problems {
      #expect(
        !problem.message.isEmpty && !problem.message.contains("\n"),
        "\(problem) for \(input.debugDescription)")
      if let line = problem.line { #expect(line >= 1 && (problem.column ?? 1) >= 1, "\(problem)") }
    }
  }

  @Test func randomBytes() {
    var random = SeededGenerator(seed: 1)
    for _ in 0..<400 {
      let count = Int.random(in: 0..<300, using: &random)
      let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &random) }
      let text = String(decoding: bytes, as: UTF8.self)
      expectWellFormed(ManifestParser.parse(text, file: "random.yaml"), input: text)
    }
  }

  @Test func randomEditsOfAValidManifest() throws {
    let source = try String(contentsOfFile: Fixtures.path("good/strategy.yaml"), encoding: .utf8)
    let pieces: [String] = [
      ":", "-", "[", "]", "{", "}", ",", "#", "&a", "*a", "!", "|", ">", "'", "\"", "\n", "  ",
      "\t",
      "? ", "---", "\\", "\u{0}", "\u{85}", "\u{2028}", "é", "\u{E000}", "type: int", "default: 1",
    ]
    var random = SeededGenerator(seed: 2)
    var scalars = Array(source.unicodeScalars)
    for round in 0..<600 {
      if round % 20 == 0 { scalars = Array(source.unicodeScalars) }
      let position = Int.random(in: 0...scalars.count, using: &random)
      switch Int.random(in: 0..<3, using: &random) {
      case 0 where !scalars.isEmpty:
        scalars.remove(at: Swift.min(position, scalars.count - 1))
      case 1:
        let piece = pieces[Int.random(in: 0..<pieces.count, using: &random)]
        scalars.insert(contentsOf: piece.unicodeScalars, at: position)
      default:
        let other = Int.random(in: 0...scalars.count, using: &random)
        let range = Swift.min(position, other)..<Swift.max(position, other)
        scalars.insert(contentsOf: Array(scalars[range]), at: position)
      }
      var view = String.UnicodeScalarView()
      view.append(contentsOf: scalars)
      let text = String(view)
      let first = ManifestParser.parse(text, file: "edited.yaml")
      expectWellFormed(first, input: text)
      if case .failure(let error) = first,
        case .failure(let again) = ManifestParser.parse(text, file: "edited.yaml")
      {
        #expect(error.problems == again.problems)
      }
    }
  }

  @Test func deepNesting() {
    for text in [
      "id: " + String(repeating: "[", count: 50_000),
      "id: " + String(repeating: "{a: ", count: 5_000) + "1" + String(repeating: "}", count: 5_000),
      (0..<3_000).map { String(repeating: " ", count: $0) + "k:" }.joined(separator: "\n"),
      (0..<3_000).map { String(repeating: " ", count: $0) + "- " }.joined(separator: "\n"),
    ] {
      let result = ManifestParser.parse(text, file: "deep.yaml")
      expectWellFormed(result, input: String(text.prefix(40)))
      guard case .failure(let error) = result else { Issue.record("deep input accepted"); continue }
      #expect(error.problems.count >= 1)
    }
  }

  @Test func billionLaughsInAKeyIsRejectedQuickly() {
    var lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for level in 1...9 {
      lines.append(
        "a\(level): &a\(level) ["
          + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]")
    }
    lines.append("? *a9\n: 1")
    let clock = ContinuousClock()
    let elapsed = clock.measure {
      let problems = Fixtures.problems(text: lines.joined(separator: "\n"))
      expectProblem(
        problems, line: 11, column: 3, "an alias (`*name`) cannot be used in a mapping key")
    }
    #expect(elapsed < .seconds(5))
  }

  @Test func billionLaughsInAValueIsNotExpanded() {
    var lines = strategyText().split(separator: "\n").map(String.init)
    lines.append("state_version: &a0 [x, x, x, x, x, x, x, x, x, x]")
    for level in 1...9 {
      lines.append(
        "k\(level): &a\(level) ["
          + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]")
    }
    lines.append("parameters: *a9")
    let problems = Fixtures.problems(text: lines.joined(separator: "\n"))
    expectProblem(
      problems, line: 7, column: 16,
      "state_version: expected an integer from 0 to 4294967295, found a list")
    // A value reached through an alias is reported where its anchor is written.
    expectProblem(
      problems, line: 16, column: 5,
      "parameters: expected a mapping of parameter names to specs, found a list")
    #expect(problems.count == 11)
  }

  @Test func largeInputs() {
    let tooLarge = String(repeating: "# padding\n", count: 110_000)
    #expect(
      Fixtures.problems(text: tooLarge).map(\.message) == ["the file is larger than 1048576 bytes"])

    let manyParameters = strategyText(
      "parameters:\n"
        + (0..<8_000).map {
          "  p\($0): {type: int, default: \($0), min: 0, max: 100000}"
        }.joined(separator: "\n"))
    let clock = ContinuousClock()
    let elapsed = clock.measure {
      let manifest = try? ManifestParser.parse(manyParameters, file: "/m/many.yaml").get()
      #expect(manifest?.parameters.count == 8_000)
      #expect(manifest?.parameters.last?.line == 8_007)
    }
    #expect(elapsed < .seconds(30))
  }
}
