import HostTestKit
import PluginManifest
import Testing

@testable import Selector

struct BreederTests {
  static let spaces = [
    StrategySpace(
      strategy: "a",
      genes: [
        ParameterGene(name: "x", domain: .integerGrid(base: 1, step: 1, count: 100)),
        ParameterGene(name: "y", domain: .real(lower: 0, upper: 1)),
        ParameterGene(name: "k", domain: .fixed(.int(7))),
      ]),
    StrategySpace(
      strategy: "b",
      genes: [
        ParameterGene(name: "on", domain: .flag),
        ParameterGene(name: "mode", domain: .choice(["p", "q", "r"])),
      ]),
  ]

  @Test func sameSeedSameGenerationsAndStrategiesShareTheFirstOne() {
    let breeder = Breeder(spaces: Self.spaces, settings: BreedingSettings(population: 16))
    var first = SeededGenerator(seed: 9)
    var second = SeededGenerator(seed: 9)
    let one = breeder.initial(&first)
    #expect(one == breeder.initial(&second))
    #expect(one.filter { $0.strategy == 0 }.count == 8)
    let ranked = one.enumerated().map { (genome: $1, fitness: Double($0 % 5)) }
    #expect(breeder.next(ranked, &first) == breeder.next(ranked, &second))
  }

  /// Elites survive unchanged, children keep their parent's strategy and allele kinds, fixed
  /// genes never move.
  @Test func nextGenerationKeepsElitesAndStrategies() {
    let settings = BreedingSettings(population: 24, elites: 2)
    let breeder = Breeder(spaces: Self.spaces, settings: settings)
    var random = SeededGenerator(seed: 4)
    let genomes = breeder.initial(&random)
    let ranked = genomes.enumerated().map {
      (genome: $1, fitness: $0 == 5 ? 10.0 : ($0 == 11 ? 9.0 : ($0 == 3 ? -.infinity : 0)))
    }
    let children = breeder.next(ranked, &random)
    #expect(children.count == 24)
    #expect(children[0] == genomes[5] && children[1] == genomes[11])
    for child in children {
      let space = Self.spaces[child.strategy]
      #expect(child.alleles.count == space.genes.count)
      for (gene, allele) in zip(space.genes, child.alleles) {
        _ = gene.value(of: allele)  // traps if the allele does not belong to the gene
      }
      if child.strategy == 0 { #expect(space.genes[2].value(of: child.alleles[2]) == .int(7)) }
    }
  }
}
