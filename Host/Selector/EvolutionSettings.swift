import TradingModel

/// What a search does: breeding, how long, from which seed, on how many threads, and the bar a
/// champion must clear. Plain data.
public struct EvolutionSettings: Sendable, Equatable {
  public var breeding: BreedingSettings
  /// Generations bred (the first one included).
  public var generations: Int
  /// The run's seed: every generation's generator is derived from it (`generationSeed`).
  public var seed: UInt64
  /// Threads evaluating genomes. Never changes a result.
  public var jobs: Int
  /// Fitness charge per unit of maximum drawdown (`Performance.fitness`).
  public var drawdownPenalty: Double
  /// The least out-of-sample fitness a champion may have.
  public var minOutOfSample: Double
  /// The least deflated Sharpe ratio a champion may have (a probability).
  public var minDeflatedSharpe: Double
  /// Events in a year of the data (annualizes the Sharpe ratio).
  public var eventsPerYear: Double

  public init(
    breeding: BreedingSettings, generations: Int, seed: UInt64, jobs: Int,
    drawdownPenalty: Double = 1, minOutOfSample: Double = 0, minDeflatedSharpe: Double = 0.95,
    eventsPerYear: Double
  ) {
    self.breeding = breeding
    self.generations = generations
    self.seed = seed
    self.jobs = jobs
    self.drawdownPenalty = drawdownPenalty
    self.minOutOfSample = minOutOfSample
    self.minDeflatedSharpe = minDeflatedSharpe
    self.eventsPerYear = eventsPerYear
  }

  /// The seed of generation `generation`'s generator: a SplitMix64 draw keyed by the run's seed
  /// and the generation, so a resumed run breeds each generation exactly as an uninterrupted
  /// one would.
  public func generationSeed(_ generation: Int) -> UInt64 {
    var generator = SplitMix64(seed: seed ^ (UInt64(generation) &* 0xd1b5_4a32_d192_ed03))
    return generator.next()
  }
}
