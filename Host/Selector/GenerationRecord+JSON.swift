import Control

extension GenerationRecord {
  /// The record as one JSON object: the generation, its seed, and per genome its strategy,
  /// parameters, fitness, failure and the sums of every fold's in-sample and out-of-sample
  /// window.
  public func json(spaces: [StrategySpace]) -> JSONValue {
    let members: [JSONValue] = genomes.indices.map { index in
      guard case .object(var genome) = SelectorJSON.genome(genomes[index], spaces: spaces) else {
        return .null
      }
      let evaluation = evaluations[index]
      genome["fitness"] = SelectorJSON.number(fitness[index])
      genome["failure"] = evaluation.failure.map { .string($0) } ?? .null
      genome["in_sample"] = .array(evaluation.inSample.map(SelectorJSON.window))
      genome["out_of_sample"] = .array(evaluation.outOfSample.map(SelectorJSON.window))
      return .object(genome)
    }
    return .object([
      "generation": .integer(Int64(generation)),
      "seed": .string(String(seed)),
      "best": SelectorJSON.number(best),
      "median": SelectorJSON.number(median),
      "genomes": .array(members),
    ])
  }

  /// The record a JSON object holds (`json(spaces:)`'s form); `fitness` recomputed by
  /// `fitness`, so a record is judged by this run's settings. `nil` when anything is missing or
  /// names a strategy or value outside `spaces`.
  public static func decode(
    _ json: JSONValue, spaces: [StrategySpace], fitness: (Evaluation) -> Double
  ) -> GenerationRecord? {
    guard case .integer(let generation)? = json["generation"],
      let seedText = json["seed"]?.stringValue, let seed = UInt64(seedText),
      case .array(let members)? = json["genomes"]
    else { return nil }
    var genomes: [Genome] = []
    var evaluations: [Evaluation] = []
    for member in members {
      guard let genome = SelectorJSON.genome(from: member, spaces: spaces),
        case .array(let inSample)? = member["in_sample"],
        case .array(let outOfSample)? = member["out_of_sample"]
      else { return nil }
      let train = inSample.compactMap(SelectorJSON.window)
      let test = outOfSample.compactMap(SelectorJSON.window)
      guard train.count == inSample.count, test.count == outOfSample.count else { return nil }
      genomes.append(genome)
      evaluations.append(
        Evaluation(inSample: train, outOfSample: test, failure: member["failure"]?.stringValue))
    }
    return GenerationRecord(
      generation: Int(generation), seed: seed, genomes: genomes, evaluations: evaluations,
      fitness: evaluations.map(fitness))
  }
}
