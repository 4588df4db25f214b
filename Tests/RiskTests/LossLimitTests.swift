import CTradeHostPlugin
import Risk
import Testing
import TradingModel

@testable import Kernel

/// Loss limits: drawdown from peak and the day's loss halt the account, losing streaks pause a
/// slot, the 7-day drawdown freezes deployments; each stays tripped until resumed by hand.
///
/// Every scenario holds 1,000 SPY bought at 100.00 with the account's 100,000: one cent on SPY
/// moves equity by 10.00.
@Suite("Loss limits")
struct LossLimitTests {
  typealias F = RiskFixture
  static let t0 = RiskFixture.monday

  /// A fixture long 1,000 SPY at 100.00, no fees.
  func invested(_ risk: RiskConfiguration, slots: [SlotSpec] = [F.slot("main")]) throws
    -> RiskFixture
  {
    let fixture = try F(risk, slots: slots)
    fixture.feed(at: Self.t0, close: 10_000)
    expectFilled(fixture.buy(1_000), 1_000)
    return fixture
  }

  func equity(_ fixture: RiskFixture) -> Int64 { fixture.kernel.accountEquity.raw }

  @Test(
    "drawdown is measured from the peak: 5% below a gain halts the account though above the start")
  func drawdownFromPeak() throws {
    let fixture = try invested(.only { $0.account.maxDrawdown = 0.05 })
    #expect(fixture.limit(TH_SIDE_SELL, 10, at: 120.00).accepted)
    fixture.feed(at: Self.t0 + minute, close: 11_000)
    #expect(equity(fixture) == 110_000_00)
    // 104.51: 104,510, 4.99% below the peak.
    fixture.feed(at: Self.t0 + 2 * minute, close: 10_451)
    #expect(fixture.wrapper.state(of: .account).state == .active)
    // 104.50: 104,500, exactly 5% below the 110,000 peak, still 4.5% above the start.
    fixture.feed(at: Self.t0 + 3 * minute, close: 10_450)
    #expect(equity(fixture) == 104_500_00)
    let state = fixture.wrapper.state(of: .account)
    #expect(state.state == .halted)
    #expect(state.source == "rule")
    #expect(state.since == Self.t0 + 3 * minute)
    // Halting cancelled the resting order.
    #expect(fixture.kernel.simulator?.restingCount == 0)
    expectDenied(fixture.sell(1), .accountHalted)
    let record = fixture.audited("state").last
    #expect(record?.reason == "drawdown from peak equity reached its limit")
    #expect(
      record?.values.first { $0.name == "reference_equity" }?.value.hasPrefix("110000") == true)
    #expect(record?.values.first { $0.name == "equity" }?.value.hasPrefix("104500") == true)
  }

  @Test("after resuming a drawdown halt the account trades on at the next event")
  func resumeAfterDrawdown() throws {
    let fixture = try invested(.only { $0.account.maxDrawdown = 0.05 })
    fixture.feed(at: Self.t0 + minute, close: 9_500)
    #expect(fixture.wrapper.state(of: .account).state == .halted)
    fixture.wrapper.apply(RiskCommand(action: .resume, source: .operator, detail: "uid 1000"))
    #expect(fixture.wrapper.state(of: .account).state == .active)
    // The operator accepted the loss; the same price must not halt the account again.
    fixture.feed(at: Self.t0 + 2 * minute, close: 9_500)
    #expect(
      fixture.wrapper.state(of: .account).state == .active,
      "the drawdown limit re-tripped at once against the old peak")
    #expect(fixture.sell(1).code == nil)
  }

  @Test("daily loss as a fraction of the day's starting equity halts the account")
  func dailyLossFraction() throws {
    let fixture = try invested(.only { $0.account.maxDailyLossFraction = 0.02 })
    fixture.feed(at: Self.t0 + minute, close: 9_801)
    #expect(fixture.wrapper.state(of: .account).state == .active)
    fixture.feed(at: Self.t0 + 2 * minute, close: 9_800)
    #expect(fixture.wrapper.state(of: .account).state == .halted)
    #expect(
      fixture.audited("state").last?.reason
        == "the day's loss reached its limit (fraction of equity)")
    expectDenied(fixture.buy(1), .accountHalted)
  }

  @Test("the day's loss is measured from the day's start: yesterday's loss does not count")
  func dailyLossFromDayStart() throws {
    let fixture = try invested(.only { $0.account.maxDailyLossFraction = 0.02 })
    // Monday: -1.9%. Tuesday starts at 98,100; -2% of that is 96,138.
    fixture.feed(at: Self.t0 + minute, close: 9_810)
    fixture.feed(at: Self.t0 + day, close: 9_810)
    fixture.feed(at: Self.t0 + day + minute, close: 9_615)
    #expect(fixture.wrapper.state(of: .account).state == .active)
    fixture.feed(at: Self.t0 + day + 2 * minute, close: 9_613)
    #expect(fixture.wrapper.state(of: .account).state == .halted)
  }

  @Test("daily loss as an amount halts the account at the amount")
  func dailyLossAbsolute() throws {
    let fixture = try invested(
      .only { $0.account.maxDailyLoss = Money(raw: 500_00, currency: .usd) })
    fixture.feed(at: Self.t0 + minute, close: 9_951)
    #expect(fixture.wrapper.state(of: .account).state == .active)
    fixture.feed(at: Self.t0 + 2 * minute, close: 9_950)
    #expect(fixture.wrapper.state(of: .account).state == .halted)
    #expect(fixture.audited("state").last?.reason == "the day's loss reached its limit (absolute)")
    #expect(
      fixture.audited("state").last?.values.contains(AuditRecord.Value("limit", "500.00 USD"))
        == true)
  }

  @Test("a tripped state stays across the day's rollover until an explicit resume")
  func trippedStaysAcrossDays() throws {
    let fixture = try invested(.only { $0.account.maxDailyLossFraction = 0.02 })
    fixture.feed(at: Self.t0 + minute, close: 9_700)
    #expect(fixture.wrapper.state(of: .account).state == .halted)
    fixture.feed(at: Self.t0 + day, close: 9_700)
    fixture.feed(at: Self.t0 + 2 * day, close: 9_750)
    #expect(fixture.wrapper.state(of: .account).state == .halted)
    expectDenied(fixture.sell(1), .accountHalted)
    fixture.wrapper.apply(RiskCommand(action: .resume, source: .operator))
    expectFilled(fixture.sell(1), 1)
    fixture.feed(at: Self.t0 + 2 * day + minute, close: 9_750)
    #expect(fixture.wrapper.state(of: .account).state == .active)
  }

  @Test("slot drawdown halts that slot only")
  func slotDrawdown() throws {
    var limits = SlotLimits.unlimited
    limits.maxDrawdown = 0.10
    let fixture = try F(
      .only { $0.slots["a"] = limits }, slots: [F.slot("a"), F.slot("b")])
    fixture.feed(at: Self.t0, close: 10_000)
    expectFilled(fixture.buy(1_000, slot: 0), 1_000)
    expectFilled(fixture.buy(1_000, slot: 1), 1_000)
    fixture.feed(at: Self.t0 + minute, close: 9_001)
    #expect(fixture.wrapper.state(of: .slot(0)).state == .active)
    fixture.feed(at: Self.t0 + 2 * minute, close: 9_000)
    #expect(fixture.wrapper.state(of: .slot(0)).state == .halted)
    #expect(fixture.wrapper.state(of: .slot(1)).state == .active)
    #expect(fixture.wrapper.state(of: .account).state == .active)
    expectDenied(fixture.sell(1, slot: 0), .slotHalted)
    expectFilled(fixture.sell(1, slot: 1), 1)
  }

  @Test("consecutive losing round trips pause the slot; a winner resets the streak")
  func consecutiveLosses() throws {
    let fixture = try F(.only { $0.slotDefaults.maxConsecutiveLosses = 2 })
    /// Buys 10 at `entry` cents and sells them at `exit` cents.
    func roundTrip(_ entry: Int64, _ exit: Int64, at time: Int64) {
      fixture.feed(at: time, close: entry)
      expectFilled(fixture.buy(10), 10)
      fixture.feed(at: time + second, close: exit)
      expectFilled(fixture.sell(10), 10)
    }
    roundTrip(10_000, 9_900, at: Self.t0)
    roundTrip(10_000, 10_100, at: Self.t0 + minute)
    roundTrip(10_000, 9_900, at: Self.t0 + 2 * minute)
    #expect(fixture.wrapper.state(of: .slot(0)).state == .active)
    roundTrip(10_000, 9_999, at: Self.t0 + 3 * minute)
    let state = fixture.wrapper.state(of: .slot(0))
    #expect(state.state == .paused)
    #expect(state.reason == "2 losing round trips in a row")
    expectDenied(fixture.buy(1), .slotPaused)
    #expect(
      fixture.audited("state").last?.values.contains(AuditRecord.Value("losing_streak", "2"))
        == true)
  }

  @Test("the 7-day drawdown freezes deployments (not trading) until lifted by hand")
  func deploymentFreeze() throws {
    let fixture = try invested(.only { $0.account.deploymentFreezeDrawdown = 0.08 })
    fixture.feed(at: Self.t0 + minute, close: 11_000)
    // Wednesday: 101,210 is 7.99% below Monday's 110,000; 101,200 is 8%.
    fixture.feed(at: Self.t0 + 2 * day, close: 10_121)
    #expect(!fixture.wrapper.deploymentsFrozen)
    fixture.feed(at: Self.t0 + 2 * day + minute, close: 10_120)
    #expect(fixture.wrapper.deploymentsFrozen)
    #expect(fixture.wrapper.state(of: .account).state == .active)
    expectFilled(fixture.sell(1), 1)
    let freeze = fixture.audited("freeze")
    #expect(freeze.count == 1)
    #expect(freeze.first?.reason == "7-day drawdown reached the deployment freeze threshold")
    #expect(fixture.wrapper.snapshot().deploymentsFrozen)
    // Still frozen after the week has passed, until lifted.
    fixture.feed(at: Self.t0 + 9 * day, close: 10_500)
    #expect(fixture.wrapper.deploymentsFrozen)
    fixture.wrapper.apply(RiskCommand(action: .unfreeze, source: .operator, detail: "uid 1000"))
    #expect(!fixture.wrapper.deploymentsFrozen)
    #expect(fixture.audited("unfreeze").first?.source == .operator)
  }

  @Test("after lifting a deployment freeze by hand it stays lifted at the next event")
  func unfreezeHolds() throws {
    let fixture = try invested(.only { $0.account.deploymentFreezeDrawdown = 0.08 })
    fixture.feed(at: Self.t0 + minute, close: 9_000)
    #expect(fixture.wrapper.deploymentsFrozen)
    fixture.wrapper.apply(RiskCommand(action: .unfreeze, source: .operator, detail: "uid 1000"))
    fixture.feed(at: Self.t0 + 2 * minute, close: 9_000)
    #expect(
      !fixture.wrapper.deploymentsFrozen,
      "the freeze came back at once against the same 7-day peak")
  }

  @Test("a peak older than 7 days no longer counts for the deployment freeze")
  func freezeForgetsOldPeaks() throws {
    let fixture = try invested(.only { $0.account.deploymentFreezeDrawdown = 0.08 })
    fixture.feed(at: Self.t0 + minute, close: 11_000)
    fixture.feed(at: Self.t0 + 8 * day, close: 10_000)
    #expect(!fixture.wrapper.deploymentsFrozen)
  }
}
