import TradingModel

/// The genetic operators over the competing strategies' spaces. Pure: the same spaces, ranked
/// generation and generator state give the same children.
///
/// - The first generation draws every searched gene uniformly; strategies take turns, so each
///   competing strategy gets an equal share of it.
/// - Each next generation keeps the `elites` best genomes, then fills the rest with children:
///   a parent is the fittest of `tournamentSize` genomes drawn at random; with
///   `crossoverRate` a second parent of the same strategy (by a tournament among that
///   strategy's genomes) is mixed in gene by gene (uniform crossover; strategies never mix,
///   their parameters differ); then each searched gene mutates with `mutationRate`
///   (`ParameterGene.mutate`). A child already in the generation is mutated again (up to 16
///   times) so the generation explores instead of repeating itself.
public struct Breeder: Sendable {
  public let spaces: [StrategySpace]
  public let settings: BreedingSettings

  public init(spaces: [StrategySpace], settings: BreedingSettings) {
    self.spaces = spaces
    self.settings = settings
  }

  /// The first generation.
  public func initial(_ random: inout SplitMix64) -> [Genome] {
    var genomes: [Genome] = []
    var seen = Set<Genome>()
    for index in 0..<settings.population {
      let strategy = index % spaces.count
      var genome = Genome(
        strategy: strategy, alleles: spaces[strategy].genes.map { $0.sample(&random) })
      var attempts = 0
      while seen.contains(genome) && attempts < 16 {
        genome.alleles = spaces[strategy].genes.map { $0.sample(&random) }
        attempts += 1
      }
      seen.insert(genome)
      genomes.append(genome)
    }
    return genomes
  }

  /// The next generation from `ranked`: the last generation's genomes with their fitness
  /// (`-infinity` for a genome that could not be evaluated), in generation order.
  public func next(_ ranked: [(genome: Genome, fitness: Double)], _ random: inout SplitMix64)
    -> [Genome]
  {
    precondition(!ranked.isEmpty, "a generation has at least one genome")
    // Fitness first, then generation order: a total order, so ties break the same way always.
    let order = ranked.indices.sorted {
      ranked[$0].fitness != ranked[$1].fitness
        ? ranked[$0].fitness > ranked[$1].fitness : $0 < $1
    }
    var children: [Genome] = []
    var seen = Set<Genome>()
    for index in order.prefix(Swift.min(settings.elites, settings.population))
    where seen.insert(ranked[index].genome).inserted {
      children.append(ranked[index].genome)
    }
    while children.count < settings.population {
      let first = ranked[tournament(ranked, among: nil, &random)].genome
      var child = first
      if random.unit() < settings.crossoverRate {
        let second = ranked[tournament(ranked, among: first.strategy, &random)].genome
        for gene in child.alleles.indices where random.next() & 1 == 1 {
          child.alleles[gene] = second.alleles[gene]
        }
      }
      child = mutate(child, &random)
      var attempts = 0
      while seen.contains(child) && attempts < 16 {
        child = mutate(child, &random, atLeastOne: true)
        attempts += 1
      }
      seen.insert(child)
      children.append(child)
    }
    return children
  }

  /// The index of the fittest of `tournamentSize` draws (of one strategy's genomes when
  /// `strategy` is given and it has any).
  func tournament(
    _ ranked: [(genome: Genome, fitness: Double)], among strategy: Int?,
    _ random: inout SplitMix64
  ) -> Int {
    var pool = Array(ranked.indices)
    if let strategy {
      let same = pool.filter { ranked[$0].genome.strategy == strategy }
      if !same.isEmpty { pool = same }
    }
    var best = pool[Int(ParameterGene.uniform(Int64(pool.count), &random))]
    for _ in 1..<Swift.max(1, settings.tournamentSize) {
      let contender = pool[Int(ParameterGene.uniform(Int64(pool.count), &random))]
      let better =
        ranked[contender].fitness > ranked[best].fitness
        || (ranked[contender].fitness == ranked[best].fitness && contender < best)
      if better { best = contender }
    }
    return best
  }

  /// Mutates each searched gene with the mutation rate; with `atLeastOne`, one searched gene
  /// drawn at random mutates in any case.
  func mutate(_ genome: Genome, _ random: inout SplitMix64, atLeastOne: Bool = false) -> Genome {
    let genes = spaces[genome.strategy].genes
    let searched = genes.indices.filter { genes[$0].isSearched }
    guard !searched.isEmpty else { return genome }
    let rate = settings.mutationRate ?? 1 / Double(searched.count)
    var result = genome
    for index in searched where random.unit() < rate {
      result.alleles[index] = genes[index].mutate(result.alleles[index], &random)
    }
    if atLeastOne {
      let index = searched[Int(ParameterGene.uniform(Int64(searched.count), &random))]
      result.alleles[index] = genes[index].mutate(result.alleles[index], &random)
    }
    return result
  }
}
