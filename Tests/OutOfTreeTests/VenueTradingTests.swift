import Backtest
import HostTestKit
import Kernel
import PluginHost
import Testing
import TradingModel

/// The example's two venues, the Swift `paper-venue` and the C `close-venue`, trade the shipped
/// EMA-cross in a backtest, built out of tree and chosen by the run config alone (no change to the
/// host). Both fill market orders at the close the host fed them, as the simulator does with the
/// peers' settings, so all three give the same trades to the cent.
@Suite("Out-of-tree example: venues trade", .timeLimit(.minutes(10)))
struct VenueTradingTests {
  static let spyDaily = RepositoryPaths.sharedData + "/bars/spy_1d_trade_bars_19980102_20210331.csv"

  /// The EMA-cross on SPY daily bars at `venue`, without risk limits.
  static func backtest(venue: String) async throws -> (BacktestReport, Kernel) {
    let registry = try await Example.registry()
    try registry.loadDirectory(RepositoryPaths.manifests, lazily: true)
    var plan = BacktestPlan()
    plan.sources = [.init(path: spyDaily, instrument: "SPY.ARCA")]
    plan.slots = [
      .init(
        name: "ema", strategy: "ema-cross",
        parameters: [("fast_period", "10"), ("slow_period", "20")])
    ]
    plan.risk = .unlimited
    plan.venues = ["*": VenuePlan(plugin: venue)]
    let prepared = try BacktestRunner.prepare(
      plan, registry: registry, cacheDirectory: nil, log: KernelLog.discard)
    return (BacktestRunner.run(prepared), prepared.kernel)
  }

  @Test("the Swift paper venue and the C venue give the simulator's trades to the cent", arguments: ["paper-venue", "close-venue"])
  func sameTrades(_ venue: String) async throws {
    let (simulated, _) = try await Self.backtest(venue: VenuePlan.simulator)
    let (report, kernel) = try await Self.backtest(venue: venue)
    #expect(kernel.venue(for: 0).name == venue)
    #expect(kernel.counters.venueFaults == 0)
    #expect(report.statistics.fills > 100)
    #expect(report.statistics.fills == simulated.statistics.fills)
    #expect(report.statistics.roundTrips == simulated.statistics.roundTrips)
    #expect(report.statistics.finalEquity == simulated.statistics.finalEquity)
    #expect(report.fillDigest == simulated.fillDigest)
  }
}
