/// One generation as bred and scored: what `--out` keeps (one JSON line each) and what
/// `--resume` reads back.
public struct GenerationRecord: Sendable, Equatable {
  /// 0 for the first generation.
  public let generation: Int
  /// The seed of the generator that bred it (`EvolutionSettings.generationSeed`).
  public let seed: UInt64
  public let genomes: [Genome]
  /// One per genome, in the same order.
  public let evaluations: [Evaluation]
  /// One per genome: its out-of-sample fitness, `-infinity` when it could not be evaluated.
  public let fitness: [Double]

  public init(
    generation: Int, seed: UInt64, genomes: [Genome], evaluations: [Evaluation],
    fitness: [Double]
  ) {
    self.generation = generation
    self.seed = seed
    self.genomes = genomes
    self.evaluations = evaluations
    self.fitness = fitness
  }

  /// The best fitness of the generation (`nil` when no genome could be evaluated).
  public var best: Double? { fitness.filter(\.isFinite).max() }

  /// The median fitness of the evaluated genomes (the mean of the two middle ones for an even
  /// count; `nil` when none could be evaluated).
  public var median: Double? {
    let sorted = fitness.filter(\.isFinite).sorted()
    guard !sorted.isEmpty else { return nil }
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
  }
}
