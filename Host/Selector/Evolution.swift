import TradingModel

/// The search: breeds generations of genomes over the competing strategies' spaces, scores each
/// new genome by walk-forward validation (`Evaluator`) on `settings.jobs` threads, and reports
/// the best genome with its deflated Sharpe ratio.
///
/// Determinism: the generators are seeded per generation from the run's seed, genomes are
/// evaluated independently and their results gathered in generation order, and ties break by
/// order; so the same seed, data, plugins and rules give the same generations and champion,
/// byte for byte, whatever the number of threads. A genome seen before is not evaluated again
/// (its earlier evaluation is reused, and it counts once as a trial).
public final class Evolution {
  public let evaluator: Evaluator
  public let settings: EvolutionSettings
  public let breeder: Breeder

  /// What the progress callback learns after each evaluation.
  public struct Progress: Sendable {
    public let generation: Int
    /// Evaluations done in this generation, of `total` new genomes.
    public let done: Int
    public let total: Int
    /// The best and median fitness of the last finished generation.
    public let best: Double?
    public let median: Double?
  }

  public init(evaluator: Evaluator, settings: EvolutionSettings) {
    self.evaluator = evaluator
    self.settings = settings
    self.breeder = Breeder(spaces: evaluator.spaces, settings: settings.breeding)
  }

  /// Runs the generations not yet in `resumed`, calling `recorded` after each with its record
  /// (to keep it), and `progress` after each evaluation.
  ///
  /// - Parameter resumed: the records of an interrupted run with the same settings, in order
  ///   (from `GenerationLog.read`); the search continues after the last one.
  /// - Throws: what `recorded` throws (the search stops there), or `SelectorError` when the
  ///   resumed records do not follow each other.
  public func run(
    resumed: [GenerationRecord] = [],
    recorded: (GenerationRecord) throws(SelectorError) -> Void = { _ in },
    progress: @escaping @Sendable (Progress) -> Void = { _ in }
  ) throws(SelectorError) -> EvolutionReport {
    var cache: [Genome: Evaluation] = [:]
    var trials: [Genome] = []
    var history: [GenerationRecord] = []
    for (index, record) in resumed.enumerated() {
      guard record.generation == index, record.seed == settings.generationSeed(index) else {
        throw SelectorError(
          "the kept generations do not follow each other: line \(index + 1) holds generation \(record.generation) with seed \(record.seed), expected generation \(index) with seed \(settings.generationSeed(index))"
        )
      }
      for (genome, evaluation) in zip(record.genomes, record.evaluations)
      where cache[genome] == nil {
        cache[genome] = evaluation
        trials.append(genome)
      }
      history.append(record)
    }
    while history.count < settings.generations {
      let generation = history.count
      var random = SplitMix64(seed: settings.generationSeed(generation))
      let genomes =
        history.last.map { last in
          breeder.next(
            Array(zip(last.genomes, last.fitness)).map { (genome: $0, fitness: $1) }, &random)
        } ?? breeder.initial(&random)
      var fresh: [Genome] = []
      for genome in genomes where cache[genome] == nil && !fresh.contains(genome) {
        fresh.append(genome)
      }
      let last = history.last
      let evaluator = self.evaluator
      let batch = fresh
      let results = EvaluationPool.run(
        count: batch.count, jobs: settings.jobs, { evaluator.evaluate(batch[$0]) },
        progress: { done in
          progress(
            Progress(
              generation: generation, done: done, total: batch.count, best: last?.best,
              median: last?.median))
        })
      for (genome, evaluation) in zip(fresh, results) {
        cache[genome] = evaluation
        trials.append(genome)
      }
      let evaluations = genomes.map { cache[$0]! }
      let record = GenerationRecord(
        generation: generation, seed: settings.generationSeed(generation), genomes: genomes,
        evaluations: evaluations, fitness: evaluations.map { fitness(of: $0) })
      try recorded(record)
      history.append(record)
    }
    return report(trials: trials, cache: cache, history: history)
  }

  /// The out-of-sample fitness of an evaluation; `-infinity` when it failed.
  public func fitness(of evaluation: Evaluation) -> Double {
    guard evaluation.failure == nil else { return -.infinity }
    return performance(evaluation.outOfSample).fitness
  }

  func performance(_ windows: [WindowScore]) -> Performance {
    Performance(
      windows: windows, eventsPerYear: settings.eventsPerYear,
      drawdownPenalty: settings.drawdownPenalty)
  }

  private func report(
    trials: [Genome], cache: [Genome: Evaluation], history: [GenerationRecord]
  ) -> EvolutionReport {
    var best: (genome: Genome, evaluation: Evaluation, fitness: Double)?
    var sharpes: [Double] = []
    var failed = 0
    for genome in trials {
      let evaluation = cache[genome]!
      guard evaluation.failure == nil else {
        failed += 1
        continue
      }
      let outOfSample = performance(evaluation.outOfSample)
      sharpes.append(outOfSample.moments.sharpe)
      if best == nil || outOfSample.fitness > best!.fitness {
        best = (genome, evaluation, outOfSample.fitness)
      }
    }
    let generations = history.map { (best: $0.best, median: $0.median) }
    guard let best else {
      return EvolutionReport(
        best: nil, deflatedSharpe: nil, expectedMaximumSharpe: nil, passed: false,
        refusals: ["no genome could be evaluated"], evaluations: trials.count,
        failedEvaluations: failed, generations: generations, settings: settings,
        walkForward: evaluator.walkForward)
    }
    let space = evaluator.spaces[best.genome.strategy]
    let outOfSample = performance(best.evaluation.outOfSample)
    // The training windows of the best genome only: deterministic, so a resumed run gets the
    // same figures.
    let scored = evaluator.evaluate(best.genome, inSample: true)
    var evaluation = best.evaluation
    evaluation.inSample = scored.failure == nil ? scored.inSample : []
    let candidate = EvolutionReport.Candidate(
      strategy: space.strategy,
      parameters: zip(space.genes, best.genome.alleles).map { ($0.name, $0.value(of: $1)) },
      evaluation: evaluation, inSample: performance(evaluation.inSample),
      outOfSample: outOfSample)
    let variance = Self.variance(sharpes)
    let benchmark = DeflatedSharpe.expectedMaximum(trials: sharpes.count, variance: variance)
    let moments = outOfSample.moments
    let deflated = DeflatedSharpe.probabilistic(
      sharpe: moments.sharpe, benchmark: benchmark, observations: moments.count,
      skewness: moments.skewness, kurtosis: moments.kurtosis)
    var refusals: [String] = []
    if outOfSample.fitness < settings.minOutOfSample {
      refusals.append(
        "its out-of-sample fitness \(Self.text(outOfSample.fitness)) is below the bound \(Self.text(settings.minOutOfSample))"
      )
    }
    if deflated < settings.minDeflatedSharpe {
      refusals.append(
        "its deflated Sharpe ratio \(Self.text(deflated)) over \(sharpes.count) trials is below the bound \(Self.text(settings.minDeflatedSharpe))"
      )
    }
    return EvolutionReport(
      best: candidate, deflatedSharpe: deflated, expectedMaximumSharpe: benchmark,
      passed: refusals.isEmpty, refusals: refusals, evaluations: trials.count,
      failedEvaluations: failed, generations: generations, settings: settings,
      walkForward: evaluator.walkForward)
  }

  /// The sample variance (0 for fewer than two values).
  static func variance(_ values: [Double]) -> Double {
    guard values.count > 1 else { return 0 }
    let mean = values.reduce(0, +) / Double(values.count)
    return values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)
  }

  /// A figure in a sentence: four significant decimals.
  static func text(_ value: Double) -> String {
    let scaled = (value * 10_000).rounded() / 10_000
    guard scaled.magnitude < 1e15, let whole = Int64(exactly: scaled) else { return String(scaled) }
    return String(whole)
  }
}
