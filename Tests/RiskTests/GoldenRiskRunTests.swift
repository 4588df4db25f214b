import Backtest
import Execution
import HostTestKit
import Kernel
import Risk
import Testing
import TradingModel

/// The peers' parity workload (EMA 10/20 stop-and-reverse, 1 share, no fees, fills at the signal
/// bar's close, 1,000,000 USD on the SPY 1-second bars of 7-11 October 2013) under the design's
/// default `RiskConfiguration()`: its orders, denials and final equity are pinned, so any change
/// to a default, to the order of the checks or to what they count shows up here.
@Suite("Golden run under the default risk configuration")
struct GoldenRiskRunTests {
  /// Why these numbers (worked out from the run's approvals and fills):
  /// - ema-cross sends an intent on every bar once its EMAs are warm, and sends it again on the
  ///   next bar when it was denied: 100,001 intents for 100,184 bars.
  /// - The 300 s cooldown after every fill turns each stop-and-reverse into a plain close: the
  ///   reversal's entry leg, and the flat slot's entries until 300 s have passed, are denied
  ///   (133; 64 in all, the pre-market bars are sparse).
  /// - 15 orders per slot and day: the 15th order on 7 October (an entry at 10:27:53 UTC) uses
  ///   the day's count; the 16th, a buy closing that short, passes as a reduction; the flat
  ///   slot's entries for the rest of the day are denied (132; 16,452).
  /// - 8 October starts a new count at 00:00 UTC. Round trips net -0.04 (the last on 7 October),
  ///   -0.03, -0.13 and -0.06 are 4 losses in a row: the slot pauses at 08:53:10 UTC on 8
  ///   October, flat, and stays paused (latched, nobody resumes it): the remaining 83,463
  ///   intents are denied (104).
  /// - Nothing else binds: one share (about 167 USD) is far inside the leverage (1.0) and
  ///   concentration caps (5% symbol, 20% venue, 30% strategy); market orders have no collar;
  ///   every order is priced by its own bar; a single instrument is never stale at its own
  ///   event; 1-second ATR over price is far below 2.5%; at most two orders a second stay under
  ///   the throttles (10 a second per slot, 50 per venue) and the runaway bounds; equity moves by
  ///   cents, nowhere near the 2% daily loss or the 5% drawdown.
  /// - 22 orders, all filled: 11 round trips netting -0.28 USD, flat at the end.
  @Test("orders, denials by reason and final equity under the defaults")
  func defaults() throws {
    var plan = BacktestPlan()
    plan.sources = [
      .init(
        path: RepositoryPaths.sharedData + "/bars/spy_1s_trade_bars_20131007_20131011.csv",
        instrument: "SPY.ARCA")
    ]
    plan.slots = [
      .init(
        name: "ema", strategy: "ema-cross",
        parameters: [("fast_period", "10"), ("slow_period", "20"), ("trade_size", "1")])
    ]
    plan.cash = "1000000"
    plan.execution = ExecutionConfiguration(marketFill: .close)
    plan.risk = RiskConfiguration()
    // The kernel's strategies reference the registry unowned: it lives as long as the run.
    let registry = try TestPlugins.registry()
    let prepared = try BacktestRunner.prepare(
      plan, registry: registry, cacheDirectory: nil, log: KernelLog.discard)
    defer { withExtendedLifetime(registry) {} }
    let report = BacktestRunner.run(prepared)
    let stats = report.statistics
    let kernel = prepared.kernel
    #expect(stats.bars == 100_184)
    #expect(kernel.counters.intents == 100_001)
    #expect(stats.orders == 22)
    #expect(stats.fills == 22)
    #expect(stats.roundTrips == 11)
    #expect(stats.denials == 99_979)
    #expect(
      kernel.denialsByReason.map { [Int($0.reason.code), $0.count] } == [
        [104, 83_463], [132, 16_452], [133, 64],
      ])
    #expect(stats.finalEquity == Money(raw: 99_999_972, currency: .usd))
    #expect(report.fillDigest == "07e94958559e0ad2")
    #expect(kernel.portfolio.position(slot: 0, instrument: 0).isFlat)
    #expect(kernel.portfolio.checkConsistency().isEmpty)
    #expect(report.tradingStates.map { "\($0.scope) \($0.state)" } == ["slot ema paused"])
    #expect(!report.deploymentsFrozen)
    let audit = try #require(prepared.risk?.audit.records)
    #expect(audit.count == 1)
    #expect(audit.first?.reason == "4 losing round trips in a row")
    #expect(audit.first?.time == 1_381_222_390_000_000_000)
  }
}
