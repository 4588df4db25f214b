import PluginManifest

/// One competing strategy's search space: its manifest id and one gene per declared parameter,
/// in declaration order. Built from the manifest, so the selector proposes only values the
/// manifest accepts.
///
/// A parameter is searched when its spec bounds it: `bool` and `enum` always; `int` and `float`
/// when both `min` and `max` are declared, or the user gives a range (`NAME=LOW:HIGH`, inside
/// the manifest's bounds). The others keep their default, or the value the user fixed
/// (`NAME=VALUE`, checked as an override is). Steps stay the manifest's: a range only narrows
/// which points of the manifest's grid are searched.
public struct StrategySpace: Sendable, Equatable {
  /// The strategy plugin's manifest id.
  public let strategy: String
  /// One gene per parameter, in the manifest's order.
  public let genes: [ParameterGene]

  public init(strategy: String, genes: [ParameterGene]) {
    self.strategy = strategy
    self.genes = genes
  }

  /// The space of `manifest`'s strategy.
  ///
  /// - Parameters:
  ///   - fixed: parameters held at a value (`name`, value text).
  ///   - ranges: parameters searched within `lower...upper` (number texts).
  /// - Throws: `SelectorError` listing every problem: not a strategy, an unknown parameter, a
  ///   value the manifest refuses, a range that is not two numbers in order, reaches outside the
  ///   manifest's bounds, is given for a `bool` or `enum`, or holds no point of the step grid.
  public init(
    manifest: Manifest, fixed: [(name: String, value: String)] = [],
    ranges: [(name: String, lower: String, upper: String)] = []
  ) throws(SelectorError) {
    var problems: [String] = []
    let id = manifest.id
    if manifest.kind != .strategy {
      problems.append("\(id) is \(manifest.kind.rawValue) plugin, not a strategy")
    }
    let names = manifest.parameters.map(\.name)
    for name in fixed.map(\.name) + ranges.map(\.name) where !names.contains(name) {
      let known = names.isEmpty ? "it has no parameters" : "known: \(names.joined(separator: ", "))"
      problems.append("\(id): unknown parameter \(name) (\(known))")
    }
    var fixedValues: [String: ParameterValue] = [:]
    if !fixed.isEmpty {
      do {
        let resolved = try ParameterResolver.resolve(
          manifest.parameters.filter { spec in fixed.contains { $0.name == spec.name } },
          overrides: fixed.filter { names.contains($0.name) }.map {
            (name: $0.name, value: $0.value)
          },
          plugin: id)
        for parameter in resolved { fixedValues[parameter.name] = parameter.value }
      } catch {
        problems.append(contentsOf: error.problems.map { "\(id): \($0)" })
      }
    }
    var genes: [ParameterGene] = []
    for spec in manifest.parameters {
      let range = ranges.last { $0.name == spec.name }
      if let value = fixedValues[spec.name] {
        if range != nil {
          problems.append("\(id): parameter \(spec.name) is both fixed and given a range")
        }
        genes.append(ParameterGene(name: spec.name, domain: .fixed(value)))
        continue
      }
      switch Self.domain(spec, range: range.map { ($0.lower, $0.upper) }) {
      case .success(let domain):
        genes.append(ParameterGene(name: spec.name, domain: domain, spec: spec))
      case .failure(let problem): problems.append("\(id): parameter \(spec.name): \(problem.text)")
      }
    }
    guard problems.isEmpty else { throw SelectorError(problems) }
    self.init(strategy: id, genes: genes)
  }

  /// Whether any parameter is searched.
  public var isSearched: Bool { genes.contains(where: \.isSearched) }

  /// The parameters an allele list stands for, as `(name, value text)` overrides.
  public func parameters(_ alleles: [ParameterGene.Allele]) -> [(String, String)] {
    zip(genes, alleles).map { gene, allele in (gene.name, gene.value(of: allele).description) }
  }

  /// A bound as a person wrote it: `500`, `0.25`.
  static func format(_ value: Double) -> String {
    if value.magnitude < 1e15, let integer = Int64(exactly: value) { return String(integer) }
    return String(value)
  }

  struct Problem: Error {
    let text: String
  }

  /// The gene domain of one spec, narrowed by a range.
  static func domain(_ spec: ParameterSpec, range: (String, String)?) -> Result<
    ParameterGene.Domain, Problem
  > {
    switch spec.type {
    case .bool, .enum:
      if range != nil { return .failure(Problem(text: "a range needs an int or float parameter")) }
      return .success(spec.type == .bool ? .flag : .choice(spec.choices))
    case .int, .float:
      var lower = spec.min
      var upper = spec.max
      if let range {
        guard let low = Double(range.0), let high = Double(range.1), low.isFinite, high.isFinite,
          low <= high
        else {
          return .failure(
            Problem(text: "range \(range.0):\(range.1) is not LOW:HIGH with LOW <= HIGH"))
        }
        if let min = spec.min, low < min {
          return .failure(
            Problem(
              text: "range starts at \(range.0), below the manifest's min \(Self.format(min))"))
        }
        if let max = spec.max, high > max {
          return .failure(
            Problem(text: "range ends at \(range.1), above the manifest's max \(Self.format(max))"))
        }
        lower = low
        upper = high
      }
      guard let lower, let upper else { return .success(.fixed(spec.defaultValue)) }
      return spec.type == .int
        ? integerDomain(spec, lower: lower, upper: upper)
        : realDomain(spec, lower: lower, upper: upper)
    }
  }

  private static func integerDomain(_ spec: ParameterSpec, lower: Double, upper: Double)
    -> Result<ParameterGene.Domain, Problem>
  {
    let anchor = Int64(spec.min ?? 0)
    let step = Int64(spec.step ?? 1)
    guard lower.magnitude < 9e15, upper.magnitude < 9e15 else {
      return .failure(Problem(text: "the range is too wide to search"))
    }
    let low = Int64(lower.rounded(.up))
    let high = Int64(upper.rounded(.down))
    // The first grid point at or above `low`, and the number of points up to `high`.
    let offset = low - anchor
    let firstSteps = offset <= 0 ? -((-offset) / step) : (offset + step - 1) / step
    let base = anchor + firstSteps * step
    guard base <= high else {
      return .failure(Problem(text: "no value of the step grid lies in \(low)...\(high)"))
    }
    return .success(.integerGrid(base: base, step: step, count: (high - base) / step + 1))
  }

  private static func realDomain(_ spec: ParameterSpec, lower: Double, upper: Double)
    -> Result<ParameterGene.Domain, Problem>
  {
    guard let step = spec.step else { return .success(.real(lower: lower, upper: upper)) }
    let anchor = spec.min ?? 0
    // The manifest's step check allows a relative error of 1e-9 (docs/manifest.md).
    let tolerance = 1e-9
    let first = ((lower - anchor) / step - tolerance).rounded(.up)
    let last = ((upper - anchor) / step + tolerance).rounded(.down)
    guard first.isFinite, last.isFinite, first.magnitude < 9e15, last.magnitude < 9e15,
      first <= last
    else {
      return .failure(Problem(text: "no value of the step grid lies in the range"))
    }
    let domain = ParameterGene.Domain.realGrid(
      anchor: anchor, step: step, first: Int64(first), count: Int64(last - first) + 1,
      lower: lower, upper: upper)
    // The step check's error grows with the distance from the anchor over the step, its
    // tolerance with the steps: when the first points and the last pass, every point does.
    let gene = ParameterGene(name: spec.name, domain: domain, spec: spec)
    let count = Int64(last - first) + 1
    for index in Array(0..<Swift.min(count, 9)) + [count - 1] {
      guard case .float(let value) = gene.value(of: .index(index)),
        spec.problem(with: .float(value)) == nil
      else {
        return .failure(
          Problem(
            text:
              "its step \(format(step)) is too fine for values near \(format(anchor + (first + Double(index)) * step)): the manifest's own step check refuses them"
          ))
      }
    }
    return .success(domain)
  }
}
