import Control
import PluginManifest

/// The selector's values as JSON (`--json`, the `--out` records) and back (`--resume`).
/// Numbers are written in Swift's shortest round-trip form, so a record read back gives the
/// same doubles and a resumed run the same results; seeds (64-bit unsigned) are strings.
enum SelectorJSON {
  static func value(_ parameter: ParameterValue) -> JSONValue {
    switch parameter {
    case .int(let number): .integer(number)
    case .float(let number): .number(number)
    case .bool(let flag): .bool(flag)
    case .choice(let text): .string(text)
    }
  }

  static func number(_ value: Double?) -> JSONValue {
    guard let value, value.isFinite else { return .null }
    return .number(value)
  }

  static func window(_ score: WindowScore) -> JSONValue {
    .object([
      "events": .integer(Int64(score.moments.count)),
      "sum": .number(score.moments.sum),
      "sum_squares": .number(score.moments.sumOfSquares),
      "sum_cubes": .number(score.moments.sumOfCubes),
      "sum_fourth_powers": .number(score.moments.sumOfFourthPowers),
      "max_drawdown": .number(score.maxDrawdown),
      "return": .number(score.totalReturn),
      "fills": .integer(Int64(score.fills)),
    ])
  }

  static func window(from json: JSONValue) -> WindowScore? {
    guard case .integer(let events)? = json["events"], let sum = json["sum"]?.numberValue,
      let squares = json["sum_squares"]?.numberValue, let cubes = json["sum_cubes"]?.numberValue,
      let fourth = json["sum_fourth_powers"]?.numberValue,
      let drawdown = json["max_drawdown"]?.numberValue, let total = json["return"]?.numberValue,
      case .integer(let fills)? = json["fills"]
    else { return nil }
    return WindowScore(
      moments: ReturnMoments(
        count: Int(events), sum: sum, sumOfSquares: squares, sumOfCubes: cubes,
        sumOfFourthPowers: fourth),
      maxDrawdown: drawdown, totalReturn: total, fills: Int(fills))
  }

  static func performance(_ performance: Performance) -> JSONValue {
    .object([
      "fitness": number(performance.fitness),
      "sharpe": number(performance.sharpe),
      "max_drawdown": number(performance.maxDrawdown),
      "return": number(performance.totalReturn),
      "fills": .integer(Int64(performance.fills)),
      "events": .integer(Int64(performance.moments.count)),
    ])
  }

  /// A genome's strategy and parameters.
  static func genome(_ genome: Genome, spaces: [StrategySpace]) -> JSONValue {
    let space = spaces[genome.strategy]
    var parameters: [String: JSONValue] = [:]
    for (gene, allele) in zip(space.genes, genome.alleles) {
      parameters[gene.name] = value(gene.value(of: allele))
    }
    return .object(["strategy": .string(space.strategy), "parameters": .object(parameters)])
  }

  /// The genome a record names, if it belongs to one of `spaces`.
  static func genome(from json: JSONValue, spaces: [StrategySpace]) -> Genome? {
    guard let id = json["strategy"]?.stringValue,
      let index = spaces.firstIndex(where: { $0.strategy == id }),
      case .object(let parameters)? = json["parameters"],
      parameters.count == spaces[index].genes.count
    else { return nil }
    var alleles: [ParameterGene.Allele] = []
    for gene in spaces[index].genes {
      guard let json = parameters[gene.name], let value = parameterValue(json, like: gene),
        let allele = gene.allele(for: value)
      else { return nil }
      alleles.append(allele)
    }
    return Genome(strategy: index, alleles: alleles)
  }

  private static func parameterValue(_ json: JSONValue, like gene: ParameterGene)
    -> ParameterValue?
  {
    let example: ParameterValue
    switch gene.domain {
    case .fixed(let value): example = value
    case .integerGrid: example = .int(0)
    case .realGrid, .real: example = .float(0)
    case .flag: example = .bool(false)
    case .choice: example = .choice("")
    }
    switch (example, json) {
    case (.int, .integer(let number)): return .int(number)
    case (.float, .number(let number)): return .float(number)
    case (.float, .integer(let number)): return .float(Double(number))
    case (.bool, .bool(let flag)): return .bool(flag)
    case (.choice, .string(let text)): return .choice(text)
    default: return nil
    }
  }
}
