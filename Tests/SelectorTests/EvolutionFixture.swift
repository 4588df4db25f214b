import Backtest
import HostTestKit
import PluginManifest
import Selector

/// A search over a synthetic bar file with the shipped strategies, as `tradehost evolve` sets
/// one up.
struct EvolutionFixture {
  let evolution: Evolution
  let plan: BacktestPlan

  /// `ema-cross` (fast 2...30, slow 10...120, 100 shares) and, with `fuzz`, `fuzz-orders` too.
  init(
    file: String, seed: UInt64 = 5, jobs: Int = 1, population: Int = 10, generations: Int = 3,
    folds: Int = 3, fuzz: Bool = false
  ) throws {
    var plan = BacktestPlan()
    plan.sources = [.init(path: file, instrument: "SYN.SIM")]
    plan.slots = [.init(name: "ema-cross", strategy: "ema-cross")]
    plan.manifests = [RepositoryPaths.manifests]
    let registry = try TestPlugins.registry(lazily: true)
    let market = try BacktestRunner.loadMarket(plan, cacheDirectory: nil)
    var spaces = [
      try StrategySpace(
        manifest: try Self.manifest("ema-cross"), fixed: [(name: "trade_size", value: "100")],
        ranges: [
          (name: "fast_period", lower: "2", upper: "30"),
          (name: "slow_period", lower: "10", upper: "120"),
        ])
    ]
    if fuzz {
      spaces.append(
        try StrategySpace(
          manifest: try Self.manifest("fuzz-orders"),
          fixed: [(name: "invalid_share", value: "0"), (name: "max_lots", value: "5")],
          ranges: [(name: "orders_per_bar", lower: "1", upper: "3")]))
    }
    let evaluator = try Evaluator(
      plan: plan, market: market, spaces: spaces,
      walkForward: try WalkForward(events: market.events.count, folds: folds, embargo: 20),
      registry: registry)
    evolution = Evolution(
      evaluator: evaluator,
      settings: EvolutionSettings(
        breeding: BreedingSettings(population: population), generations: generations,
        seed: seed, jobs: jobs, eventsPerYear: EventsPerYear.of(market.events)))
    self.plan = plan
  }

  static func manifest(_ id: String) throws -> Manifest {
    switch ManifestParser.load(path: RepositoryPaths.manifests + "/\(id).yaml") {
    case .success(let manifest): return manifest
    case .failure(let error): throw error
    }
  }
}
