import Backtest
import Deployment
import HostTestKit
import Kernel
import Risk
import SlotAnalytics
import Testing
import TradingModel

/// Canary promotion and rollback by rule and by hand, and the risk wrapper's deployment freeze.
@Suite("Promotion and rollback")
struct PromotionTests {
  /// Production runs probe 1.0.0 without trading; the canary (5% of the cash) runs 1.1.0,
  /// trading every 2 bars, under `promote` and `rollback`.
  static func canaryBench(
    promote: PromotionRule? = nil, rollback: RollbackRule? = nil, gate: (any RiskGate)? = nil
  ) throws -> ProbeWorkbench {
    let bench = try ProbeWorkbench()
    try bench.install(version: "1.0.0", stateVersion: 1)
    var canary = BacktestPlan.SlotPlan(
      name: "canary", strategy: ProbePlugin.id, parameters: [("trade_every", "2")])
    canary.role = .canary
    canary.share = 0.05
    canary.rules = SlotRules(promote: promote, rollback: rollback)
    try bench.start(
      slots: [.init(name: "production", strategy: ProbePlugin.id), canary], gate: gate)
    try bench.install(version: "1.1.0", stateVersion: 1)
    bench.submit(.reload(plugin: ProbePlugin.id, slot: "canary"))
    return bench
  }

  @Test("A canary that meets its rule is promoted: production runs its version, the canary retires")
  func promotionByRule() throws {
    let bench = try Self.canaryBench(promote: PromotionRule(minTrades: 10, sharpeMargin: 100))
    bench.advance(19)
    #expect(bench.kernel.slots[0].strategyVersion == "1.0.0")
    #expect(bench.records("promote").isEmpty)
    bench.advance(30)
    let promote = try #require(bench.records("promote").last)
    #expect(promote.source == .rule)
    #expect(promote.scope == "slot canary")
    #expect(promote.to == "production")
    #expect(promote.reason.contains("trades 10"))
    #expect(bench.kernel.slots[0].strategyVersion == "1.1.0")
    #expect(bench.kernel.slots[1].isRetired)
    #expect(bench.kernel.portfolio.position(slot: 1, instrument: 0).isFlat)
    // The canary's parameters differ from production's: no state handover, production's new
    // instance was warmed from every event so far (fewer than the kept history), and it trades
    // every 2 bars from now on.
    #expect(promote.reason.contains("parameters differ"))
    #expect(promote.values.contains(AuditRecord.Value("handover", "history")))
    let processed = UInt64(bench.processed)
    #expect(try bench.state(0).count == processed)
    let fillsBefore = bench.kernel.portfolio.ledger(0).fills
    bench.advance(10)
    #expect(bench.kernel.portfolio.ledger(0).fills > fillsBefore)
    #expect(bench.kernel.portfolio.checkConsistency().isEmpty)
  }

  @Test("A deployment freeze blocks promotion by rule and by hand, and says so once")
  func freezeBlocksPromotion() throws {
    let frozen = try RiskWrapper(
      configuration: .unlimited,
      restoring: RiskStateSnapshot(
        account: .init(LatchedState()), deploymentsFrozen: true,
        freezeReason: "weekly drawdown 8.2% >= 8%"))
    let bench = try Self.canaryBench(
      promote: PromotionRule(minTrades: 10, sharpeMargin: 100), gate: frozen)
    bench.advance(200)
    let blocked = bench.records("promote")
    #expect(blocked.count == 1)
    #expect(blocked.first?.reason.contains("frozen") == true)
    bench.submit(.promote(slot: "canary"))
    bench.advance(1)
    #expect(bench.records("promote").count == 2)
    #expect(bench.records("promote").last?.source == .operator)
    #expect(bench.records("promote").last?.reason.contains("frozen") == true)
    #expect(bench.kernel.slots[0].strategyVersion == "1.0.0")
    #expect(!bench.kernel.slots[1].isRetired)
  }

  @Test("Promotion by hand needs no rule")
  func manualPromotion() throws {
    let bench = try Self.canaryBench()
    bench.advance(5)
    bench.submit(.promote(slot: "canary"))
    bench.advance(1)
    #expect(bench.kernel.slots[0].strategyVersion == "1.1.0")
    #expect(bench.kernel.slots[1].isRetired)
    #expect(bench.records("promote").last?.source == .operator)
    bench.submit(.promote(slot: "production"))
    bench.advance(1)
    #expect(bench.records("promote").last?.reason.contains("already production") == true)
    // Production can go back to 1.0.0 by hand.
    bench.submit(.rollback(slot: "production"))
    bench.advance(1)
    #expect(bench.kernel.slots[0].strategyVersion == "1.0.0")
  }

  @Test("A promotion whose candidate's manifest changed since it loaded fails cleanly; retry works")
  func promotionOfAStaleCandidate() throws {
    let bench = try Self.canaryBench()
    bench.advance(5)
    try bench.install(version: "1.2.0", stateVersion: 1)
    bench.submit(.promote(slot: "canary"))
    bench.advance(1)
    let failed = try #require(bench.records("promote").last)
    #expect(failed.scope == "slot canary")
    #expect(failed.reason.contains("match the candidate failed"))
    #expect(failed.reason.contains("reload the candidate first"))
    #expect(bench.kernel.slots[0].strategyVersion == "1.0.0")
    #expect(!bench.kernel.slots[1].isRetired)
    bench.submit(.reload(plugin: ProbePlugin.id, slot: "canary"))
    bench.submit(.promote(slot: "canary"))
    bench.advance(1)
    #expect(bench.kernel.slots[0].strategyVersion == "1.2.0")
    #expect(bench.kernel.slots[1].isRetired)
  }

  @Test("A canary past its drawdown limit is rolled back: retired, orders cancelled, flat")
  func rollbackByDrawdown() throws {
    let bench = try Self.canaryBench(rollback: RollbackRule(maxDrawdown: 0.000_001))
    bench.advance(400)
    let rollback = try #require(bench.records("rollback").last)
    #expect(rollback.source == .rule)
    #expect(rollback.to == "retired")
    #expect(rollback.reason.contains("drawdown"))
    #expect(rollback.values.contains { $0.name == "drawdown limit" && $0.value == "1e-06" })
    #expect(bench.kernel.slots[1].isRetired)
    #expect(bench.kernel.portfolio.position(slot: 1, instrument: 0).isFlat)
    #expect(bench.kernel.slots[0].strategyVersion == "1.0.0")
    // A retired slot gets no more events.
    let seen = try bench.state(1).count
    bench.advance(20)
    #expect(try bench.state(1).count == seen)
  }

  @Test("A canary whose live Sharpe falls short of its expectation goes back, then retires")
  func rollbackByExpectation() throws {
    let expectation = RollbackRule.Expectation(sharpe: 50, tolerance: 1, minPeriods: 20)
    let bench = try Self.canaryBench(rollback: RollbackRule(expectation: expectation))
    bench.advance(5)
    #expect(bench.records("rollback").isEmpty)
    bench.advance(400)
    let rollbacks = bench.records("rollback")
    #expect(rollbacks.count == 2)
    // First the reloaded 1.1.0 goes back to the canary's 1.0.0, which then fails the same
    // expectation and has nothing to go back to: the slot retires.
    #expect(rollbacks.first?.from == "1.1.0")
    #expect(rollbacks.first?.to == "1.0.0")
    #expect(rollbacks.last?.to == "retired")
    #expect(rollbacks.allSatisfy { $0.source == .rule && $0.reason.contains("sharpe") })
    #expect(
      rollbacks.first?.values.contains { $0.name == "expected sharpe" && $0.value == "50" } == true)
    #expect(bench.kernel.slots[1].isRetired)
  }
}
