import Backtest
import Execution
import HostTestKit
import Kernel
import PluginHost
import Risk
import TradingModel

/// Builders shared by the kernel and backtest tests.
enum BacktestFixture {
  static let spySeconds =
    RepositoryPaths.sharedData + "/bars/spy_1s_trade_bars_20131007_20131011.csv"
  static let spyDaily = RepositoryPaths.sharedData + "/bars/spy_1d_trade_bars_19980102_20210331.csv"
  static let btcMinutes = RepositoryPaths.sharedData + "/bars/ftx_btc-perp_1m_20211231_20220201.csv"
  static let eurusdHours =
    RepositoryPaths.sharedData + "/bars/oanda_eurusd_1h_bidask_20070101_20181231.csv"

  /// The peers' parity workload: EMA(10)/EMA(20) stop-and-reverse, qty 1, no fees, fills at the
  /// signal bar's close, 1,000,000 USD.
  static func parityPlan(fill: MarketFillTiming = .close) -> BacktestPlan {
    var plan = BacktestPlan()
    plan.sources = [.init(path: spySeconds, instrument: "SPY.ARCA")]
    plan.slots = [
      .init(
        name: "ema", strategy: "ema-cross",
        parameters: [("fast_period", "10"), ("slow_period", "20"), ("trade_size", "1")])
    ]
    plan.cash = "1000000"
    plan.execution = ExecutionConfiguration(marketFill: fill)
    // The peers have no risk limits: only the kernel's checks and the trading states apply.
    plan.risk = .unlimited
    return plan
  }

  /// Prepares and runs `plan` with the shipped plugins; no cache, no log noise.
  static func run(_ plan: BacktestPlan, curve: Bool = false) throws -> (
    BacktestReport, PreparedBacktest
  ) {
    let prepared = try BacktestRunner.prepare(
      plan, registry: try TestPlugins.registry(), cacheDirectory: nil, recordEquityCurve: curve,
      log: KernelLog.discard)
    let report = BacktestRunner.run(prepared)
    return (report, prepared)
  }
}
