import Backtest
import HostTestKit
import PluginHost
import PluginManifest
import Selector

/// The selector's budget in `make bench` (issue 14): one generation of 64 ema-cross genomes on
/// the SPY 1-second file (100,184 bars) with 4 walk-forward folds (each genome runs the kernel
/// over every test window, under the default risk rules; the best genome's training windows
/// run once at the end), on 1 job and on 2; the data is parsed once and shared. `tradehost-bench selector` runs it alone.
enum SelectorBench {
  static func run(root: String) throws {
    var plan = BacktestPlan()
    plan.sources = [
      .init(
        path: root + "/../shared/data/bars/spy_1s_trade_bars_20131007_20131011.csv",
        instrument: "SPY.ARCA")
    ]
    plan.slots = [.init(name: "ema-cross", strategy: "ema-cross")]
    plan.manifests = [root + "/manifests"]
    let market = try BacktestRunner.loadMarket(plan, cacheDirectory: nil)
    guard
      case .success(let manifest) = ManifestParser.load(path: root + "/manifests/ema-cross.yaml")
    else {
      print("selector: the ema-cross manifest does not load")
      return
    }
    let space = try StrategySpace(
      manifest: manifest, fixed: [(name: "trade_size", value: "1")],
      ranges: [
        (name: "fast_period", lower: "2", upper: "60"),
        (name: "slow_period", lower: "61", upper: "600"),
      ])
    var perJob: [Double] = []
    for jobs in [1, 2] {
      let registry = PluginRegistry()
      try registry.loadDirectory(root + "/manifests", lazily: true)
      let evaluator = try Evaluator(
        plan: plan, market: market, spaces: [space],
        walkForward: try WalkForward(events: market.events.count, folds: 4, embargo: 1_000),
        registry: registry)
      let evolution = Evolution(
        evaluator: evaluator,
        settings: EvolutionSettings(
          breeding: BreedingSettings(population: 64), generations: 1, seed: 1, jobs: jobs,
          eventsPerYear: EventsPerYear.of(market.events)))
      let start = LatencyRecorder.now()
      let report = try evolution.run()
      let seconds = Double(LatencyRecorder.now() - start) / 1e9
      perJob.append(seconds)
      let events = evaluator.walkForward.folds.reduce(0) { $0 + $1.test.count }
      print(
        "selector: one generation, \(report.evaluations) genomes x \(market.events.count) bars, 4 folds, \(jobs) job\(jobs == 1 ? "" : "s"): "
          + "\(BenchMain.format(seconds)) s, \(BenchMain.format(Double(report.evaluations) / seconds)) evals/s, "
          + "\(BenchMain.format(Double(report.evaluations * events) / seconds / 1e6)) M bars/s (budget: < 2 s on both cores)"
      )
    }
    print("selector: 1 -> 2 jobs speed-up x\(BenchMain.format(perJob[0] / perJob[1]))")
  }
}
