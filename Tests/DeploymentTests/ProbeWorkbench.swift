import Backtest
import Deployment
import Foundation
import HostTestKit
import Kernel
import PluginHost
import Risk
import TradingModel

/// A folder of `reload-probe` versions and a backtest over SPY daily bars whose slots run them:
/// the tests swap versions in and out and read the probe's state (a bar count and a hash chain
/// over every bar it saw) to prove what each instance received.
final class ProbeWorkbench {
  static let spyDaily =
    RepositoryPaths.sharedData + "/bars/spy_1d_trade_bars_19980102_20210331.csv"

  let folder: TemporaryDirectory
  let audit: AuditTrail
  private(set) var prepared: PreparedBacktest!
  private var next = 0

  /// A workbench whose deployer audits to `audit` (in memory by default).
  init(audit: AuditTrail = AuditTrail()) throws {
    folder = try TemporaryDirectory(prefix: "probe-reload")
    self.audit = audit
  }

  var kernel: Kernel { prepared.kernel }
  var deployer: SlotDeployer { prepared.deployer! }
  var manifests: String { folder.path }

  /// Writes (or replaces) the folder's probe manifest with a freshly compiled version whose
  /// parameter defaults are `defaults` (e.g. `["fail_first": "5"]`), or, with `failsAfter`, a
  /// faulty build with the usual defaults.
  @discardableResult
  func install(
    version: String, stateVersion: UInt32, readsV1: Bool = false,
    failsAfter: Int? = nil, defaults: [String: String] = [:]
  ) throws -> String {
    try ProbePlugin.build(
      in: folder.path, version: version, stateVersion: stateVersion, readsV1: readsV1,
      failsAfter: failsAfter, defaults: defaults)
  }

  /// Prepares a backtest of `slots` (default: one production slot `probe`) on `data` (default
  /// SPY daily bars).
  func start(
    slots: [BacktestPlan.SlotPlan] = [.init(name: "probe", strategy: ProbePlugin.id)],
    gate: (any RiskGate)? = nil, data: String = ProbeWorkbench.spyDaily,
    configure: (inout BacktestPlan) -> Void = { _ in }
  ) throws {
    var plan = BacktestPlan()
    plan.sources = [.init(path: data, instrument: "SPY.ARCA")]
    plan.slots = slots
    plan.cash = "1000000"
    plan.risk = .unlimited
    plan.manifests = [folder.path]
    plan.statsInterval = 86_400_000_000_000
    plan.checkInterval = 1
    configure(&plan)
    let registry = PluginRegistry()
    try registry.loadDirectory(folder.path, lazily: true)
    prepared = try BacktestRunner.prepare(
      plan, registry: registry, cacheDirectory: nil, gate: gate, audit: audit, deployments: true,
      log: KernelLog.discard)
  }

  /// Processes the next `count` events (all that are left when `nil`).
  func advance(_ count: Int? = nil) {
    let end = min(prepared.events.count, count.map { next + $0 } ?? prepared.events.count)
    while next < end {
      kernel.process(prepared.events[next])
      next += 1
    }
  }

  /// Events processed so far.
  var processed: Int { next }

  /// Queues a command (applied before the next event).
  func submit(_ action: DeploymentCommand.Action) {
    deployer.desk.submit(DeploymentCommand(action, source: .operator))
  }

  /// The probe state of `slot`'s running instance.
  func state(_ slot: Int = 0) throws -> (count: UInt64, chain: UInt64) {
    let exported = try kernel.exportState(slot: slot)
    guard let state = ProbePlugin.decodeState(exported.bytes) else {
      throw TestKitError("slot \(slot) exported \(exported.bytes.count) bytes, not a probe state")
    }
    return state
  }

  /// The chain of the first `count` events' bars, as the probe computes it.
  func expectedChain(events count: Int) -> UInt64 {
    var chain = ProbePlugin.initialChain
    for event in prepared.events.prefix(count) {
      guard case .bar(let bar) = event else { continue }
      chain = ProbePlugin.chain(
        after: chain, timestamp: bar.timestamp, close: bar.close.doubleValue)
    }
    return chain
  }

  /// The audit records of `action`.
  func records(_ action: String) -> [AuditRecord] { audit.records.filter { $0.action == action } }
}
