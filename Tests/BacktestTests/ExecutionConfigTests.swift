import Backtest
import Execution
import Testing
import TradingModel

@Suite("Run configs: the execution section")
struct ExecutionConfigTests {
  func parse(_ execution: String) throws(PlanError) -> BacktestPlan {
    try BacktestPlan.parse(
      """
      data: [{path: a.csv, instrument: SPY.ARCA}]
      slots: [{strategy: ema-cross}]
      execution:
      \(execution)
      """, file: "run.yaml", baseDirectory: "/configs")
  }

  @Test("every model of the simulator is set from the config")
  func everyModel() throws {
    let plan = try parse(
      """
        fill: next-open
        fees:
          maker: 1
          taker: 4.5
          tiers: [{notional: 1000000, maker: 0.5, taker: 3}]
        participation: 5%
        queue_position: true
        latency: {entry: 20ms, jitter: 5ms, market_data: 1ms}
        impact: {k: 0.7, sigma: 2%, adv: 1500000}
        rate_limit: {orders: 10, window: 1s}
        self_trade: cancel-both
        seed: 42
      """)
    let execution = plan.execution
    #expect(execution.marketFill == .nextOpen)
    #expect(
      execution.fees.tiers == [
        .init(
          notional: 1_000_000, maker: BasisPoints(hundredths: 50),
          taker: BasisPoints(hundredths: 300))
      ])
    #expect(execution.participation == BasisPoints(hundredths: 50_000))
    #expect(execution.queuePosition)
    #expect(
      execution.latency
        == LatencyModel(entry: 20_000_000, jitter: 5_000_000, marketData: 1_000_000))
    #expect(execution.impact == ImpactModel(k: 0.7, sigma: 0.02, adv: 1_500_000))
    #expect(execution.rateLimit == OrderRateLimit(orders: 10, window: 1_000_000_000))
    #expect(execution.selfTrade == .cancelBoth)
    #expect(execution.seed == 42)
  }

  @Test("fill: realistic is the preset; other keys override it; none turns a model off")
  func realisticPreset() throws {
    #expect(try parse("  fill: realistic").execution == .realistic)
    let plan = try parse(
      """
        fill: realistic
        participation: none
        impact: none
        fees: {taker: 2}
      """)
    #expect(plan.execution.marketFill == .nextOpen && plan.execution.queuePosition)
    #expect(plan.execution.participation == nil && plan.execution.impact == nil)
    #expect(plan.execution.fees.taker == BasisPoints(hundredths: 200))
    #expect(plan.execution.fees.maker == ExecutionConfiguration.realistic.fees.maker)
  }

  @Test("fee tiers count a rolling 30 days unless tier_window says otherwise (none: the whole run)")
  func tierWindow() throws {
    #expect(try parse("  fees: {taker: 1}").execution.fees.windowDays == 30)
    #expect(try parse("  fees: {taker: 1, tier_window: 7d}").execution.fees.windowDays == 7)
    let whole = try parse(
      "  fees: {tier_window: none, tiers: [{notional: 10, maker: 0, taker: 1}]}")
    #expect(whole.execution.fees.windowDays == 0 && whole.execution.fees.tiers.count == 1)
  }

  @Test("mistakes are reported together, each with its place")
  func mistakes() {
    var error: PlanError?
    do {
      _ = try parse(
        """
          fill: someday
          participation: 150%
          latency: {entry: soon}
          impact: {k: -1}
          rate_limit: {orders: 0, window: 1s}
          self_trade: allow
          fees: {tier_window: 36h}
        """)
    } catch let caught {
      error = caught
    }
    let lines = error?.problems.map(\.description) ?? []
    for expected in [
      "execution.fill must be close, next-open or realistic, not 'someday'",
      "execution.participation must be a fraction above 0 and at most 1",
      "execution.latency.entry must be a duration",
      "execution.impact.k must be a positive number, not '-1'",
      "execution.rate_limit.orders must be a whole number in 1...100000",
      "execution.self_trade must be cancel-resting, cancel-incoming or cancel-both, not 'allow'",
      "execution.fees.tier_window must be whole days from 1d to 3650d",
    ] {
      #expect(lines.contains { $0.contains(expected) }, "\(expected) missing from \(lines)")
    }
  }
}
