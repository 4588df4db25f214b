import Backtest
import Control
import HostTestKit
import Kernel
import Testing

@testable import Selector

/// The search end to end on the shipped ema-cross plugin and generated bars.
@Suite(.serialized)
struct EvolutionTests {
  static func trending(_ folder: TemporaryDirectory) throws -> String {
    let file = folder.file("trend.csv")
    try SyntheticBarFile.write(
      .trending(drift: 0.0004, volatility: 0.001, regime: 300), bars: 6_000, seed: 21, to: file)
    return file
  }

  /// The same seed gives the same generations and the same report, byte for byte, on one
  /// thread or two.
  @Test func sameSeedSameChampionWhateverTheJobs() throws {
    let folder = try TemporaryDirectory()
    let file = try Self.trending(folder)
    var texts: [String] = []
    var lines: [[String]] = []
    for jobs in [1, 2] {
      let fixture = try EvolutionFixture(file: file, jobs: jobs)
      let spaces = fixture.evolution.evaluator.spaces
      var kept: [String] = []
      let report = try fixture.evolution.run(recorded: {
        kept.append($0.json(spaces: spaces).jsonText)
      })
      texts.append(report.json(spaces: spaces).jsonText)
      lines.append(kept)
    }
    #expect(texts[0] == texts[1])
    #expect(lines[0] == lines[1])
    #expect(lines[0].count == 3)
  }

  /// The overfitting guard: on a random walk the best genome is refused (its deflated Sharpe
  /// ratio, corrected for the trials, is far from the bar); on trending data the search finds
  /// a trend follower that passes out of sample.
  @Test func noChampionOnNoiseAChampionOnASignal() throws {
    let folder = try TemporaryDirectory()
    let noise = folder.file("noise.csv")
    try SyntheticBarFile.write(.randomWalk(volatility: 0.001), bars: 6_000, seed: 21, to: noise)
    let onNoise = try EvolutionFixture(file: noise, jobs: 2).evolution.run()
    #expect(!onNoise.passed)
    #expect(onNoise.champion == nil)
    #expect((onNoise.deflatedSharpe ?? 1) < 0.95)
    #expect(onNoise.best != nil)
    let onTrend = try EvolutionFixture(file: try Self.trending(folder), jobs: 2).evolution.run()
    #expect(onTrend.passed, "\(onTrend.refusals)")
    let champion = try #require(onTrend.champion)
    #expect(champion.strategy == "ema-cross")
    #expect(champion.outOfSample.sharpe > 0 && champion.inSample.sharpe > 0)
    #expect((onTrend.deflatedSharpe ?? 0) >= 0.95)
  }

  /// A run resumed from its first two kept generations ends exactly as the uninterrupted run.
  @Test func resumedRunEndsLikeTheUninterruptedOne() throws {
    let folder = try TemporaryDirectory()
    let file = try Self.trending(folder)
    let fixture = try EvolutionFixture(file: file, jobs: 2)
    let spaces = fixture.evolution.evaluator.spaces
    var kept: [GenerationRecord] = []
    let whole = try fixture.evolution.run(recorded: { kept.append($0) })
    // Through the JSON form, as `--resume` reads it.
    let read = try kept.prefix(2).map { record in
      try #require(
        GenerationRecord.decode(
          try JSONValue(jsonText: record.json(spaces: spaces).jsonText), spaces: spaces,
          fitness: { fixture.evolution.fitness(of: $0) }))
    }
    #expect(read == Array(kept.prefix(2)))
    var after: [GenerationRecord] = []
    let resumed = try EvolutionFixture(file: file, jobs: 1).evolution.run(
      resumed: read, recorded: { after.append($0) })
    #expect(after == [kept[2]])
    #expect(resumed.json(spaces: spaces).jsonText == whole.json(spaces: spaces).jsonText)
    #expect(throws: SelectorError.self) {
      try fixture.evolution.run(resumed: [read[1]])
    }
  }

  /// Two strategies compete: the first generation holds both, each genome within its own
  /// strategy's space.
  @Test func severalStrategiesCompete() throws {
    let folder = try TemporaryDirectory()
    let fixture = try EvolutionFixture(
      file: try Self.trending(folder), jobs: 2, population: 8, generations: 2, fuzz: true)
    var first: GenerationRecord?
    let report = try fixture.evolution.run(recorded: { if first == nil { first = $0 } })
    let generation = try #require(first)
    #expect(Set(generation.genomes.map(\.strategy)) == [0, 1])
    #expect(
      generation.evaluations.allSatisfy { $0.failure == nil || $0.failure!.contains("fast_period") }
    )
    #expect(report.evaluations >= 8)
  }

  /// A kernel built for one evaluation is freed once its slots are released (its strategy
  /// instances hold it as their environment otherwise).
  @Test func evaluationKernelsAreFreed() throws {
    let folder = try TemporaryDirectory()
    let fixture = try EvolutionFixture(file: try Self.trending(folder))
    let evaluator = fixture.evolution.evaluator
    weak var weakKernel: Kernel?
    do {
      let registry = try TestPlugins.registry(lazily: true)
      let built = try BacktestRunner.makeKernel(
        fixture.plan, market: evaluator.market,
        slots: [
          SlotSpec(
            name: "s", strategy: "ema-cross", capital: .init(raw: 100_000_000, currency: .usd))
        ],
        registry: registry, startTime: 0, expectedEvents: 10, recordEquityCurve: true)
      weakKernel = built.kernel
      for event in evaluator.market.events.prefix(100) { built.kernel.process(event) }
      built.kernel.releaseSlots()
    }
    #expect(weakKernel == nil)
  }
}
