/// One candidate of the search: which competing strategy (an index into the run's spaces) and
/// one allele per parameter of its space. A pure value; two genomes with the same strategy and
/// alleles are the same trial.
public struct Genome: Sendable, Hashable {
  /// Index of the strategy's space in `Evolution.spaces`.
  public var strategy: Int
  /// One allele per gene of that space, in its order.
  public var alleles: [ParameterGene.Allele]

  public init(strategy: Int, alleles: [ParameterGene.Allele]) {
    self.strategy = strategy
    self.alleles = alleles
  }
}
