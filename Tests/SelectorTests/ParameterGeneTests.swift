import HostTestKit
import PluginManifest
import Testing

@testable import Selector

/// Genomes come from manifests: whatever the selector draws or mutates, the manifest accepts.
struct ParameterGeneTests {
  /// Random specs of every kind (bounds, steps, grids anchored at min or at 0, narrow and wide
  /// ranges, user ranges inside the bounds); every value drawn or mutated passes the manifest's
  /// own check and parses back from its text through the same resolver user overrides go
  /// through.
  @Test func everyProposedValueIsOneTheManifestAccepts() throws {
    var random = SeededGenerator(seed: 14)
    var checked = 0
    for round in 0..<400 {
      let spec = Self.randomSpec(&random, round: round)
      let range = Self.randomRange(for: spec, &random)
      let domain: ParameterGene.Domain
      switch StrategySpace.domain(spec, range: range) {
      case .success(let found): domain = found
      case .failure: continue  // a range holding no grid point is refused, tested below
      }
      let gene = ParameterGene(name: spec.name, domain: domain, spec: spec)
      var allele = gene.sample(&random)
      for _ in 0..<40 {
        let value = gene.value(of: allele)
        #expect(spec.problem(with: value) == nil, "\(spec) proposed \(value)")
        let resolved = try ParameterResolver.resolve(
          [spec], overrides: [(name: spec.name, value: value.description)], plugin: "p")
        #expect(resolved[0].value == value, "\(value.description) does not read back")
        #expect(gene.allele(for: value) != nil, "\(value) has no allele in \(domain)")
        allele = random.next() % 4 == 0 ? gene.sample(&random) : gene.mutate(allele, &random)
        checked += 1
      }
    }
    #expect(checked > 10_000)
  }

  /// The shipped strategies' manifests: the same, through `StrategySpace`.
  @Test func shippedStrategiesProposeOnlyAcceptedValues() throws {
    var random = SeededGenerator(seed: 3)
    for id in ["ema-cross", "fuzz-orders"] {
      guard
        case .success(let manifest) = ManifestParser.load(
          path: RepositoryPaths.manifests + "/\(id).yaml")
      else {
        Issue.record("manifest \(id) does not load")
        continue
      }
      let space = try StrategySpace(
        manifest: manifest,
        ranges: manifest.parameters.compactMap { spec in
          spec.type == .int || spec.type == .float
            ? (
              spec.name, Self.text(spec.min ?? 1),
              Self.text(Swift.min(spec.max ?? .infinity, (spec.min ?? 1) + 40))
            ) : nil
        })
      for _ in 0..<500 {
        let alleles = space.genes.map { $0.sample(&random) }
        let pairs = space.parameters(alleles)
        _ = try ParameterResolver.resolve(
          manifest.parameters, overrides: pairs.map { (name: $0.0, value: $0.1) }, plugin: id)
      }
    }
  }

  @Test func parametersWithoutBothBoundsKeepTheirDefaultUnlessGivenARange() throws {
    let spec = ParameterSpec(name: "size", type: .float, defaultValue: .float(1), min: 0.000001)
    guard case .success(.fixed(.float(1))) = StrategySpace.domain(spec, range: nil) else {
      Issue.record("an unbounded float should be fixed at its default")
      return
    }
    guard case .success(.real(0.5, 2)) = StrategySpace.domain(spec, range: ("0.5", "2")) else {
      Issue.record("a range makes it searched")
      return
    }
  }

  @Test func rangesOutsideTheManifestOrOffTheGridAreRefused() {
    let spec = ParameterSpec(
      name: "period", type: .int, defaultValue: .int(10), min: 2, max: 500, step: 4)
    for (range, words) in [
      (("1", "20"), "below the manifest's min 2"), (("10", "600"), "above the manifest's max 500"),
      (("20", "10"), "LOW <= HIGH"), (("3", "5"), "no value of the step grid"),
      (("x", "5"), "LOW <= HIGH"),
    ] {
      guard case .failure(let problem) = StrategySpace.domain(spec, range: range) else {
        Issue.record("range \(range) should be refused")
        continue
      }
      #expect(problem.text.contains(words), "\(problem.text)")
    }
    // 3...10 holds 6 and 10 of the grid 2, 6, 10, ...
    guard case .success(.integerGrid(6, 4, 2)) = StrategySpace.domain(spec, range: ("3", "10"))
    else {
      Issue.record("3...10 should hold 6 and 10")
      return
    }
  }

  @Test func strategySpaceReportsEveryProblemAtOnce() throws {
    guard
      case .success(let manifest) = ManifestParser.load(
        path: RepositoryPaths.manifests + "/ema-cross.yaml")
    else {
      Issue.record("ema-cross manifest does not load")
      return
    }
    #expect(throws: SelectorError.self) {
      try StrategySpace(
        manifest: manifest, fixed: [(name: "fast_period", value: "0"), (name: "nope", value: "1")],
        ranges: [(name: "slow_period", lower: "1", upper: "9000")])
    }
    do {
      _ = try StrategySpace(
        manifest: manifest, fixed: [(name: "fast_period", value: "0"), (name: "nope", value: "1")],
        ranges: [(name: "slow_period", lower: "1", upper: "9000")])
    } catch {
      #expect(error.problems.count == 3, "\(error.problems)")
      #expect(error.problems.contains("ema-cross: parameter fast_period = 0 is below min 1"))
    }
  }

  // MARK: Random specs

  static func randomSpec(_ random: inout SeededGenerator, round: Int) -> ParameterSpec {
    switch round % 6 {
    case 0:
      return ParameterSpec(name: "flag", type: .bool, defaultValue: .bool(true))
    case 1:
      let count = Int(random.next() % 5) + 1
      let choices = (0..<count).map { "c\($0)" }
      return ParameterSpec(
        name: "mode", type: .enum, defaultValue: .choice(choices[0]), choices: choices)
    case 2, 3:
      let min = Int64(random.next() % 2000) - 1000
      let step = round % 2 == 0 ? Int64(random.next() % 7) + 1 : nil
      let span = Int64(random.next() % 5000)
      let max = min + span
      return ParameterSpec(
        name: "count", type: .int, defaultValue: .int(min), min: Double(min), max: Double(max),
        step: step.map(Double.init))
    default:
      let steps: [Double?] = [nil, 0.05, 0.1, 0.25, 1e-6, 0.3, 7.5]
      let step = steps[Int(random.next() % UInt64(steps.count))]
      let min = (random.unit() - 0.5) * 200
      let max = min + random.unit() * (step.map { $0 * 300 } ?? 50)
      return ParameterSpec(
        name: "ratio", type: .float, defaultValue: .float(min), min: min, max: max, step: step)
    }
  }

  /// Half the time a user range inside the spec's bounds.
  static func randomRange(for spec: ParameterSpec, _ random: inout SeededGenerator) -> (
    String, String
  )? {
    guard let min = spec.min, let max = spec.max, random.next() % 2 == 0 else { return nil }
    let low = min + (max - min) * random.unit() / 2
    let high = low + (max - low) * random.unit()
    return spec.type == .int
      ? (text(low.rounded(.up)), text(Swift.max(low.rounded(.up), high.rounded(.down))))
      : (String(low), String(high))
  }

  static func text(_ value: Double) -> String {
    if let whole = Int64(exactly: value) { return String(whole) }
    return String(value)
  }
}
