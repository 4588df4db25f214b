import Backtest
import Execution
import HostTestKit
import Kernel
import Risk
import Testing
import TradingModel

/// Golden regression runs: any change to fills, fees, slippage, accounting or the shipped
/// plugins' arithmetic moves one of these numbers (Lean's regression-algorithm practice).
@Suite("Golden backtests")
struct GoldenBacktestTests {
  @Test("next-open fills on SPY 1s bars equal backtrader's default (--next-open --seed first)")
  func nextOpenMatchesBacktrader() throws {
    // backtrader 1.9.78 bt_emacross.py --seed first --next-open: 9827 orders, 4913 trades closed,
    // final equity 1000004.9300.
    let (report, _) = try BacktestFixture.run(BacktestFixture.parityPlan(fill: .nextOpen))
    #expect(report.statistics.orders == 9_827)
    #expect(report.statistics.roundTrips == 4_913)
    #expect(report.statistics.finalEquity == Money(raw: 100_000_493, currency: .usd))
  }

  @Test("BTC-PERP 1m, EMA 12/26, fees 1/2 bp, 1 tick slippage")
  func bitcoinWithCosts() throws {
    var plan = BacktestPlan()
    plan.risk = .unlimited
    plan.sources = [.init(path: BacktestFixture.btcMinutes, instrument: "BTC-PERP.FTX")]
    plan.slots = [
      .init(
        name: "btc", strategy: "ema-cross",
        parameters: [("fast_period", "12"), ("slow_period", "26")])
    ]
    plan.execution = ExecutionConfiguration(
      marketFill: .close,
      fees: FeeSchedule(maker: BasisPoints(hundredths: 100), taker: BasisPoints(hundredths: 200)),
      slippageTicks: 1)
    let (report, prepared) = try BacktestFixture.run(plan)
    let stats = report.statistics
    #expect(stats.bars == 45_031)
    #expect(stats.orders == 3_329)
    #expect(stats.roundTrips == 1_664)
    #expect(stats.winningRoundTrips == 418)
    #expect(stats.finalEquity == Money(raw: 96_847_732, currency: .usd))
    #expect(stats.fees == Money(raw: 2_736_968, currency: .usd))
    #expect(report.fillDigest == "a9dc98ba966ebb06")
    // 24/7 data (it has Saturdays): Sharpe and Sortino annualised with 365 days, not 252.
    #expect(stats.annualizationDays == 365)
    #expect(report.json.contains("\"annualization_days\":365"))
    #expect(report.summary.contains("annualised with 365 days: the data trades on Saturdays"))
    #expect(prepared.kernel.portfolio.checkConsistency().isEmpty)
  }

  @Test("EUR/USD hourly bid/ask (mid), 10,000 units, next-open")
  func euroDollarMid() throws {
    var plan = BacktestPlan()
    plan.risk = .unlimited
    plan.sources = [.init(path: BacktestFixture.eurusdHours, instrument: "EURUSD.OANDA")]
    plan.slots = [.init(name: "fx", strategy: "ema-cross", parameters: [("trade_size", "10000")])]
    plan.execution = ExecutionConfiguration(marketFill: .nextOpen)
    let (report, _) = try BacktestFixture.run(plan)
    let stats = report.statistics
    #expect(stats.bars == 74_439)
    // FX opens on Sunday evenings but never trades on a Saturday: 252 days.
    #expect(stats.annualizationDays == 252)
    #expect(stats.orders == 6_237)
    #expect(stats.roundTrips == 3_118)
    #expect(stats.winningRoundTrips == 942)
    #expect(stats.finalEquity == Money(raw: 100_148_090, currency: .usd))
    #expect(report.fillDigest == "eb00ed98c9ae9302")
  }

  @Test("Two slots on one account from a YAML run config: the account is the sum of its slots")
  func twoSlotsFromConfig() throws {
    let plan = try BacktestPlan.load(
      path: RepositoryPaths.fixtures + "/runs/spy-daily-two-slots.yaml")
    let (report, prepared) = try BacktestFixture.run(plan)
    let stats = report.statistics
    #expect(stats.bars == 5_849)
    #expect(stats.orders == 694)
    #expect(stats.roundTrips == 346)
    #expect(stats.finalEquity == Money(raw: 102_571_266, currency: .usd))
    #expect(stats.fees == Money(raw: 141_443, currency: .usd))
    #expect(report.slots.map(\.name) == ["fast", "slow"])
    #expect(report.slots.map(\.equity.raw) == [39_398_075, 63_173_191])
    #expect(report.slots.map(\.roundTrips) == [248, 98])
    #expect(report.slots[0].equity + report.slots[1].equity == stats.finalEquity)
    #expect(prepared.kernel.recorder.lastEquity == stats.finalEquity.raw)
    #expect(prepared.kernel.portfolio.checkConsistency().isEmpty)
  }

  @Test("Two instruments from two files, merged by time, one slot each (a futures multiplier)")
  func twoInstruments() throws {
    let plan = try BacktestPlan.load(path: RepositoryPaths.fixtures + "/runs/two-instruments.yaml")
    let (report, prepared) = try BacktestFixture.run(plan)
    let stats = report.statistics
    #expect(stats.bars == 45_031 + 29_996)
    #expect(stats.orders == 5_232)
    #expect(stats.roundTrips == 2_615)
    #expect(stats.finalEquity == Money(raw: 196_676_962, currency: .usd))
    #expect(stats.fees == Money(raw: 1_600_338, currency: .usd))
    #expect(report.slots.map(\.roundTrips) == [2_067, 548])
    #expect(report.fillDigest == "52e759cc95aa35bd")
    // The per-event equity (kept per instrument) equals the portfolio's full valuation.
    #expect(prepared.kernel.recorder.lastEquity == prepared.kernel.portfolio.equity.raw)
    // Each slot traded only its own instrument.
    #expect(prepared.kernel.portfolio.position(slot: 0, instrument: 1).isFlat)
    #expect(prepared.kernel.portfolio.position(slot: 1, instrument: 0).isFlat)
    #expect(prepared.kernel.portfolio.checkConsistency().isEmpty)
  }
}
