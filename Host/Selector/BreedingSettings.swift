/// How one generation is bred from the last: elitism, tournament selection, uniform crossover
/// and per-gene mutation. Plain data; `Breeder` documents what each number does.
public struct BreedingSettings: Sendable, Equatable {
  /// Genomes per generation.
  public var population: Int
  /// The best genomes copied unchanged into the next generation.
  public var elites: Int
  /// Contestants drawn (with replacement) for each parent; the fittest wins.
  public var tournamentSize: Int
  /// The chance that a child mixes two parents (uniform crossover) rather than copying one.
  public var crossoverRate: Double
  /// The chance that each searched gene of a child mutates; `nil`: 1 / the searched genes.
  public var mutationRate: Double?

  public init(
    population: Int, elites: Int? = nil, tournamentSize: Int = 3, crossoverRate: Double = 0.9,
    mutationRate: Double? = nil
  ) {
    self.population = population
    self.elites = elites ?? Swift.max(1, population / 16)
    self.tournamentSize = tournamentSize
    self.crossoverRate = crossoverRate
    self.mutationRate = mutationRate
  }
}
