import Backtest
import Execution
import HostTestKit
import Kernel
import PluginHost
import Testing
import TradingModel

/// `venues:` and `--venue`: which venue trades each instrument of a backtest.
@Suite("Run config venues")
struct VenueConfigTests {
  static let spyDaily = RepositoryPaths.sharedData + "/bars/spy_1d_trade_bars_19980102_20210331.csv"

  func registry() throws -> PluginRegistry {
    let registry = try TestPlugins.registry()
    if case .failure(let error) = registry.load(
      manifestPath: RepositoryPaths.fixtures + "/plugins/fixture-venue.yaml")
    {
      throw TestKitError("\(error) -- run `make fixtures`")
    }
    return registry
  }

  func plan(venues: String) throws -> BacktestPlan {
    var plan = try BacktestPlan.parse(
      """
      data:
        - {path: \(Self.spyDaily), instrument: SPY.ARCA}
      slots:
        - {strategy: ema-cross, parameters: {fast_period: 10, slow_period: 20}}
      \(venues)
      """, file: "run.yaml", baseDirectory: "/")
    plan.risk = .unlimited
    return plan
  }

  @Test("a venues: section reads per instrument, with parameters and settings, or one plugin id")
  func reads() throws {
    let plan = try self.plan(
      venues: """
        venues:
          SPY.ARCA: {plugin: fixture-venue, parameters: {fault: good}, settings: {endpoint: x}}
          "*": simulator
        """)
    #expect(plan.venues["SPY.ARCA"]?.plugin == "fixture-venue")
    #expect(plan.venues["SPY.ARCA"]?.parameters.map(\.1) == ["good"])
    #expect(plan.venues["SPY.ARCA"]?.settings.map(\.0) == ["endpoint"])
    #expect(plan.venues["*"]?.isSimulator == true)
    let bad = #expect(throws: PlanError.self) {
      try self.plan(venues: "venues:\n  SPY.ARCA: {parameters: {fault: good}}")
    }
    #expect(bad?.description.contains("venues.SPY.ARCA needs 'plugin'") == true)
  }

  @Test("the EMA-cross backtest trades through an exchange plugin named in the config")
  func tradesAtThePlugin() throws {
    let prepared = try BacktestRunner.prepare(
      try plan(venues: "venues:\n  SPY.ARCA: fixture-venue"), registry: registry(),
      cacheDirectory: nil, log: KernelLog.discard)
    #expect(prepared.kernel.simulator?.restingCount == 0)
    #expect(prepared.kernel.venue(for: 0) is PluginVenue)
    let report = BacktestRunner.run(prepared)
    #expect(prepared.kernel.counters.fills > 100)
    #expect(prepared.kernel.counters.venueFaults == 0)
    #expect(report.statistics.roundTrips > 50)
    #expect(prepared.kernel.portfolio.checkConsistency().isEmpty)
  }

  @Test("the default stays the simulator; a venue naming no instrument or no plugin is refused")
  func defaultsAndRefusals() throws {
    let prepared = try BacktestRunner.prepare(
      try plan(venues: ""), registry: registry(), cacheDirectory: nil, log: KernelLog.discard)
    #expect(prepared.kernel.venue(for: 0) is SimulatedVenue)
    let unknown = #expect(throws: PlanError.self) {
      try BacktestRunner.prepare(
        try plan(venues: "venues:\n  QQQ.ARCA: fixture-venue"), registry: registry(),
        cacheDirectory: nil, log: KernelLog.discard)
    }
    #expect(unknown?.description.contains("'QQQ.ARCA' is not an instrument of the run") == true)
    let missing = #expect(throws: PlanError.self) {
      try BacktestRunner.prepare(
        try plan(venues: "venues:\n  \"*\": no-such-venue"), registry: registry(),
        cacheDirectory: nil, log: KernelLog.discard)
    }
    #expect(missing?.description.contains("no-such-venue") == true)
  }
}
