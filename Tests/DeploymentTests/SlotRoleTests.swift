import Backtest
import Deployment
import Foundation
import HostTestKit
import Kernel
import Risk
import SlotAnalytics
import Testing
import TradingModel

/// A/B and shadow slots: capital, books, statistics and comparisons; role changes at run time;
/// rollback when the risk wrapper stops a canary.
@Suite("Slot roles")
struct SlotRoleTests {
  static func ema(_ name: String, fast: Int, slow: Int, role: SlotRole, share: Double? = nil)
    -> BacktestPlan.SlotPlan
  {
    var slot = BacktestPlan.SlotPlan(
      name: name, strategy: "ema-cross",
      parameters: [
        ("fast_period", String(fast)), ("slow_period", String(slow)), ("trade_size", "1"),
      ])
    slot.role = role
    slot.share = share
    return slot
  }

  @Test("A/B: two versions split the capital; each gets statistics and the paired confidence")
  func abSplit() throws {
    var plan = DeploymentFixture.emaPlan(slots: [
      Self.ema("production", fast: 10, slow: 20, role: .production, share: 0.5),
      Self.ema("a", fast: 10, slow: 20, role: .ab, share: 0.3),
      Self.ema("b", fast: 30, slow: 90, role: .ab, share: 0.2),
    ])
    plan.statsInterval = 300_000_000_000
    let prepared = try DeploymentFixture.prepare(plan)
    _ = BacktestRunner.run(prepared)
    let kernel = prepared.kernel
    #expect(kernel.portfolio.ledger(1).startingCapital == Money(raw: 30_000_000, currency: .usd))
    #expect(kernel.portfolio.ledger(2).startingCapital == Money(raw: 20_000_000, currency: .usd))
    let report = try #require(prepared.deployer).report()
    let a = report[1]
    let b = report[2]
    #expect(a.versus == "b")
    #expect(b.versus == "a")
    #expect(a.scorecard.trades == kernel.portfolio.ledger(1).roundTrips)
    #expect(b.scorecard.trades == kernel.portfolio.ledger(2).roundTrips)
    #expect(a.scorecard.trades != b.scorecard.trades)
    #expect(a.scorecard.sharpe != nil)
    let comparison = try #require(a.comparison)
    #expect(comparison.pairs > 50)
    let confidence = try #require(comparison.confidence)
    #expect(confidence >= 0 && confidence <= 1)
    // The same comparison from b's side: the same pairs, the difference mirrored.
    #expect(b.comparison?.pairs == comparison.pairs)
    #expect(abs((b.comparison?.meanDifference ?? 0) + comparison.meanDifference) < 1e-12)
    // PnL is the slot's equity change.
    let expectedPnL = kernel.slotEquity(1).doubleValue - 300_000
    #expect(abs(a.scorecard.pnl - expectedPnL) < 0.005)
  }

  @Test("A shadow slot trades on paper: its own book and statistics, nothing in the account")
  func shadowOffBook() throws {
    let plan = DeploymentFixture.emaPlan(slots: [
      Self.ema("production", fast: 10, slow: 20, role: .production),
      Self.ema("shadow", fast: 5, slow: 40, role: .shadow),
    ])
    let prepared = try DeploymentFixture.prepare(plan)
    let report = BacktestRunner.run(prepared)
    let kernel = prepared.kernel
    let shadow = kernel.portfolio.ledger(1)
    // The JSON report carries the deployer's scorecards.
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(report.json.utf8)) as? [String: Any])
    let deployment = try #require(json["deployment"] as? [[String: Any]])
    #expect(deployment.map { $0["role"] as? String } == ["production", "shadow"])
    #expect(deployment[1]["trades"] as? Int == shadow.roundTrips)
    #expect(deployment[1]["versus"] as? String == "production")
    #expect(kernel.portfolio.startingCash == Money(raw: 100_000_000, currency: .usd))
    #expect(shadow.startingCapital == Money(raw: 100_000_000, currency: .usd))
    #expect(shadow.fills > 100)
    #expect(kernel.portfolio.fills == kernel.portfolio.ledger(0).fills)
    #expect(kernel.portfolio.cash == kernel.portfolio.ledger(0).cash)
    #expect(report.statistics.finalEquity == kernel.slotEquity(0))
    #expect(kernel.portfolio.checkConsistency().isEmpty)
    let slots = try #require(prepared.deployer).report()
    #expect(slots[1].role == .shadow)
    #expect(slots[1].versus == "production")
    #expect(slots[1].scorecard.trades == shadow.roundTrips)
    #expect(slots[1].comparison != nil)
  }

  @Test("Roles change at run time between on-book roles; into or out of shadow is refused")
  func roleChanges() throws {
    let plan = DeploymentFixture.emaPlan(slots: [
      Self.ema("production", fast: 10, slow: 20, role: .production),
      Self.ema("canary", fast: 10, slow: 30, role: .canary, share: 0.05),
      Self.ema("shadow", fast: 5, slow: 40, role: .shadow),
    ])
    let audit = AuditTrail()
    let prepared = try DeploymentFixture.prepare(plan, audit: audit)
    let desk = try #require(prepared.deployer).desk
    prepared.kernel.process(prepared.events[0])
    desk.submit(DeploymentCommand(.role(slot: "canary", role: .ab), source: .operator))
    desk.submit(DeploymentCommand(.role(slot: "shadow", role: .canary), source: .operator))
    desk.submit(DeploymentCommand(.role(slot: "production", role: .shadow), source: .operator))
    prepared.kernel.process(prepared.events[1])
    #expect(prepared.kernel.slots.map(\.role) == [.production, .ab, .shadow])
    let roles = audit.records.filter { $0.action == "role" }
    #expect(roles.count == 3)
    #expect(roles[0].to == "ab")
    #expect(roles[1].reason.contains("cannot move out of shadow"))
    #expect(roles[2].reason.contains("cannot move into shadow"))
  }

  @Test("A canary the risk wrapper pauses is rolled back by its rule")
  func limitBreachRollsBack() throws {
    let commands = RiskCommandQueue()
    let wrapper = try RiskWrapper(configuration: .unlimited, commands: commands)
    let bench = try PromotionTests.canaryBench(rollback: RollbackRule(), gate: wrapper)
    bench.advance(30)
    #expect(bench.records("rollback").isEmpty)
    commands.push(
      RiskCommand(action: .pause, slot: "canary", source: .operator, detail: "test"))
    bench.advance(20)
    // One rollback: 1.1.0 goes back to 1.0.0; the latched pause is not held against 1.0.0.
    #expect(bench.records("rollback").count == 1)
    let rollback = try #require(bench.records("rollback").last)
    #expect(rollback.reason.contains("trading state is paused"))
    #expect(rollback.to == "1.0.0")
    #expect(bench.kernel.tradingState(slot: 1) == "paused")
  }

  @Test("A run config reads roles, shares and rules; bad values are named with their line")
  func yaml() throws {
    let text = """
      data: [{path: x.csv, instrument: SPY}]
      deployment: {stats_interval: 5m, check_interval: 10s, max_canary_share: 5%, on_change: {ema-cross: canary, sma-cross: ignore}}
      slots:
        - {name: production, strategy: ema-cross}
        - name: canary
          strategy: ema-cross
          role: canary
          share: 2%
          promote: {min_trades: 30, min_days: 2, sharpe_margin: 0.2, max_drawdown: 5%}
          rollback: {max_drawdown: 3%, max_errors: 0, expect: {sharpe: 1.2, tolerance: 0.8, min_periods: 40}}
      """
    let plan = try BacktestPlan.parse(text, file: "run.yaml", baseDirectory: "/tmp")
    #expect(plan.statsInterval == 300_000_000_000)
    #expect(plan.checkInterval == 10_000_000_000)
    #expect(plan.maxCanaryShare == 0.05)
    #expect(plan.onChange == ["ema-cross": .canary, "sma-cross": .ignore])
    let canary = plan.slots[1]
    #expect(canary.role == .canary)
    #expect(canary.share == 0.02)
    #expect(canary.rules.promote == PromotionRule(minTrades: 30, minDays: 2, maxDrawdown: 0.05))
    #expect(canary.rules.rollback?.maxDrawdown == 0.03)
    #expect(canary.rules.rollback?.expectation?.minPeriods == 40)
    let bad = """
      data: [{path: x.csv, instrument: SPY}]
      slots:
        - {name: p, strategy: ema-cross, role: primary}
        - {name: c, strategy: ema-cross, role: canary, share: 2%, capital: 100}
        - {name: d, strategy: ema-cross, promote: {min_trades: -1, sharpe_margin: lots}}
      deployment: {on_change: {ema-cross: staging}}
      """
    do {
      _ = try BacktestPlan.parse(bad, file: "bad.yaml", baseDirectory: "/tmp")
      Issue.record("a bad deployment config was accepted")
    } catch {
      let text = error.description
      #expect(text.contains("bad.yaml:3"))
      #expect(text.contains("role must be production, canary, shadow or ab, not 'primary'"))
      #expect(text.contains("give capital or share, not both"))
      #expect(text.contains("min_trades"))
      #expect(text.contains("sharpe_margin must be a number"))
      #expect(
        text.contains(
          "bad.yaml:6:37: deployment.on_change.ema-cross must be canary, shadow, production or ignore, not 'staging'"
        ), "\(text)")
    }
  }
}
