import Backtest
import Deployment
import Dispatch
import HostTestKit
import Kernel
import Risk
import Testing
import TradingModel

/// The proof that a hot reload loses and duplicates nothing: the parity workload run with
/// many reloads of ema-cross (state handed over each time) makes exactly the trades of a run
/// with none, and its strategy gets exactly as many callbacks.
@Suite("Hot reload: no event lost or duplicated")
struct HotReloadParityTests {
  /// The peers' pinned numbers for this workload (KernelTests/PeerParityTests).
  static let orders = 9_827
  static let finalEquityCents: Int64 = 99_990_725

  @Test("100 reloads inline during SPY 1s: same fills, orders, equity and callbacks as no reload")
  func inlineReloads() throws {
    let baseline = try DeploymentFixture.prepare(DeploymentFixture.emaPlan())
    let expected = BacktestRunner.run(baseline)
    let audit = AuditTrail()
    let prepared = try DeploymentFixture.prepare(DeploymentFixture.emaPlan(), audit: audit)
    let desk = try #require(prepared.deployer).desk
    let every = prepared.events.count / 101
    for (index, event) in prepared.events.enumerated() {
      if index > 0, index % every == 0, prepared.kernel.slots[0].swaps < 100 {
        desk.submit(DeploymentCommand(.reload(plugin: "ema-cross", slot: nil), source: .host))
      }
      prepared.kernel.process(event)
    }
    let report = BacktestRunner.report(prepared, elapsedSeconds: 0)
    let slot = prepared.kernel.slots[0]
    #expect(slot.swaps == 100)
    let reloads = DeploymentFixture.records(audit, action: "reload")
    #expect(reloads.count == 100)
    #expect(reloads.allSatisfy { $0.values.contains(AuditRecord.Value("handover", "state")) })
    #expect(prepared.kernel.counters.warmupIntents == 0)
    #expect(prepared.kernel.fillDigest == baseline.kernel.fillDigest)
    #expect(report.statistics.orders == Self.orders)
    #expect(report.statistics.orders == expected.statistics.orders)
    #expect(report.statistics.finalEquity == Money(raw: Self.finalEquityCents, currency: .usd))
    #expect(slot.callbacks == baseline.kernel.slots[0].callbacks)
    #expect(prepared.kernel.counters.events == prepared.events.count)
    #expect(prepared.kernel.portfolio.checkConsistency().isEmpty)
  }

  @Test("Reloads loaded on the loader thread while the kernel runs: same fills as no reload")
  func loaderThreadReloads() throws {
    let baseline = try DeploymentFixture.prepare(DeploymentFixture.emaPlan())
    _ = BacktestRunner.run(baseline)
    let audit = AuditTrail()
    let prepared = try DeploymentFixture.prepare(DeploymentFixture.emaPlan(), audit: audit)
    let kernel = prepared.kernel
    let control = kernel.control
    let delivered = DispatchSemaphore(value: 0)
    let desk = DeploymentDesk(wake: {
      control.requestService()
      delivered.signal()
    })
    let deployer = try SlotDeployer(
      kernel: kernel,
      configuration: DeploymentConfiguration(manifests: [RepositoryPaths.manifests]),
      desk: desk, audit: audit)
    try deployer.startLoader()
    defer { deployer.stopLoader() }
    let reloads = 12
    let every = prepared.events.count / (reloads + 1)
    var requested = 0
    for (index, event) in prepared.events.enumerated() {
      if index > 0, index % every == 0, requested < reloads {
        // Every earlier request has been swapped in by now (checked below), so each reload
        // loads on the loader thread while the kernel keeps processing events.
        desk.submit(DeploymentCommand(.reload(plugin: "ema-cross", slot: nil), source: .host))
        requested += 1
      }
      if index % every == every / 2, kernel.slots[0].swaps < requested {
        // Halfway to the next request: wait for the loader's delivery (not a sleep: the
        // loader signals), then the next event applies it.
        while kernel.slots[0].swaps < requested && !control.isServiceRequested {
          #expect(delivered.wait(timeout: .now() + 60) == .success)
        }
      }
      kernel.process(event)
    }
    #expect(kernel.slots[0].swaps == reloads)
    #expect(kernel.fillDigest == baseline.kernel.fillDigest)
    #expect(kernel.slots[0].callbacks == baseline.kernel.slots[0].callbacks)
    #expect(deployer.pauses.count == reloads)
  }
}
