import Backtest
import Deployment
import Execution
import HostTestKit
import Kernel
import PluginHost
import Risk
import TradingModel

/// Builders shared by the deployment tests.
enum DeploymentFixture {
  static let spySeconds =
    RepositoryPaths.sharedData + "/bars/spy_1s_trade_bars_20131007_20131011.csv"

  /// The parity workload (EMA 10/20 stop-and-reverse on SPY 1s bars, no limits) with `slots`
  /// (default: one production slot named `ema`).
  static func emaPlan(slots: [BacktestPlan.SlotPlan]? = nil) -> BacktestPlan {
    var plan = BacktestPlan()
    plan.sources = [.init(path: spySeconds, instrument: "SPY.ARCA")]
    plan.slots =
      slots ?? [
        .init(
          name: "ema", strategy: "ema-cross",
          parameters: [("fast_period", "10"), ("slow_period", "20"), ("trade_size", "1")])
      ]
    plan.cash = "1000000"
    plan.execution = ExecutionConfiguration(marketFill: .close)
    plan.risk = .unlimited
    plan.manifests = [RepositoryPaths.manifests]
    return plan
  }

  /// Prepares `plan` with a slot deployer and an in-memory audit trail.
  static func prepare(
    _ plan: BacktestPlan, manifests: String? = nil, audit: AuditTrail = AuditTrail()
  )
    throws -> PreparedBacktest
  {
    var plan = plan
    if let manifests { plan.manifests = [manifests] }
    let registry = PluginRegistry()
    try registry.loadDirectories(plan.manifests ?? [RepositoryPaths.manifests], lazily: true)
    return try BacktestRunner.prepare(
      plan, registry: registry, cacheDirectory: nil, audit: audit, deployments: true,
      log: KernelLog.discard)
  }

  /// The audit records of one action.
  static func records(_ audit: AuditTrail, action: String) -> [AuditRecord] {
    audit.records.filter { $0.action == action }
  }
}
