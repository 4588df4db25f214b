import Backtest
import CAllocCounter
import Execution
import Foundation
import HostTestKit
import Kernel
import PluginHost
import Risk
import TradingModel

/// The kernel benchmarks of issue 3: the parity workload (SPY 1s bars, `ema-cross` dlopen'ed,
/// minimal risk gate on, simulated fills at the close) through `Kernel.process`.
enum KernelBench {
  static let spy = RepositoryPaths.sharedData + "/bars/spy_1s_trade_bars_20131007_20131011.csv"

  static func plan() -> BacktestPlan {
    var plan = BacktestPlan()
    plan.sources = [.init(path: spy, instrument: "SPY.ARCA")]
    plan.slots = [.init(name: "ema", strategy: "ema-cross")]
    // The peers' workload: no risk limits (the risk wrapper still runs, with its states).
    plan.risk = .unlimited
    return plan
  }

  static func run(_ registry: PluginRegistry) throws {
    guard FileManager.default.fileExists(atPath: spy) else {
      print("kernel: \(spy) not found; skipped")
      return
    }
    // Loop throughput: best of 5 fresh kernels over the preloaded events.
    var best = Double.infinity
    var orders = 0
    for _ in 0..<5 {
      let prepared = try BacktestRunner.prepare(
        plan(), registry: registry, cacheDirectory: nil, log: KernelLog.discard)
      let start = LatencyRecorder.now()
      for event in prepared.events { prepared.kernel.process(event) }
      best = min(best, Double(LatencyRecorder.now() - start) / 1e9)
      orders = prepared.kernel.counters.orders
    }
    let events = 100_184
    print(
      "kernel loop (parity workload, dlopen'ed ema-cross, risk wrapper without limits, close fills): "
        + "\(BenchMain.format(Double(events) / best / 1e6)) M bars/s (\(orders) orders, best of 5)")
    try JournalBench.run(registry)
    try SimulatorBench.run(registry)

    // Allocations per event, after one warm-up pass over the first 1,000 events.
    let prepared = try BacktestRunner.prepare(
      plan(), registry: registry, cacheDirectory: nil, log: KernelLog.discard)
    let warmup = 1_000
    for event in prepared.events.prefix(warmup) { prepared.kernel.process(event) }
    let before = th_alloc_count()
    for event in prepared.events.dropFirst(warmup) { prepared.kernel.process(event) }
    let allocations = th_alloc_count() - before
    let measured = prepared.events.count - warmup
    print(
      "heap allocations on the hot path: \(allocations) over \(measured) events "
        + "(\(BenchMain.format(Double(allocations) / Double(measured))) per event)")

    // Latency of one event: from the event's arrival to the gate's approval of the first intent
    // it caused (the strategy's decision, the intent's checks, the gate), and to the end of the
    // event (fills, portfolio, order events delivered, equity recorded).
    let spy = try Instrument.make(
      id: 0, symbol: "SPY", venue: "ARCA", currency: .usd, pricePrecision: 2
    ).get()
    let timingGate = TimingGate(instruments: [spy], maxOrderQuantity: [nil])
    let timed = try BacktestRunner.prepare(
      plan(), registry: registry, cacheDirectory: nil, gate: timingGate, log: KernelLog.discard)
    var all = LatencyRecorder(capacity: timed.events.count)
    var toApproval = LatencyRecorder(capacity: 20_000)
    for event in timed.events {
      timingGate.firstApproval = 0
      let start = LatencyRecorder.now()
      timed.kernel.process(event)
      let end = LatencyRecorder.now()
      all.record(end - start)
      if timingGate.firstApproval != 0 { toApproval.record(timingGate.firstApproval - start) }
    }
    BenchMain.report("market event -> risk-approved intent (events that traded)", toApproval)
    BenchMain.report("market event -> fully processed (every event, incl. fills)", all)

    try wholeProcess(registry)
    try RiskBench.run(registry)
    print("peak resident memory: \(peakResidentKilobytes() / 1024) MiB")
  }

  /// The whole backtest as the CLI runs it: parse the CSV (cold, then from the cache), build the
  /// kernel, run, report.
  static func wholeProcess(_ registry: PluginRegistry) throws {
    let cache = NSTemporaryDirectory() + "tradehost-bench-cache-\(getpid())"
    defer { try? FileManager.default.removeItem(atPath: cache) }
    for label in ["parse CSV", "binary cache"] {
      let start = LatencyRecorder.now()
      let prepared = try BacktestRunner.prepare(
        plan(), registry: registry, cacheDirectory: cache, log: KernelLog.discard)
      let report = BacktestRunner.run(prepared)
      _ = report.json
      let seconds = Double(LatencyRecorder.now() - start) / 1e9
      print(
        "whole backtest (\(label) + kernel + run + report): \(BenchMain.format(seconds * 1e3)) ms, "
          + "\(BenchMain.format(Double(prepared.events.count) / seconds / 1e6)) M bars/s")
    }
  }

  static func peakResidentKilobytes() -> Int {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return usage.ru_maxrss
  }
}

/// The kernel's minimal gate, noting when it first approves an order in an event.
final class TimingGate: RiskGate {
  let inner: BasicRiskGate
  var firstApproval: UInt64 = 0

  init(instruments: [Instrument], maxOrderQuantity: [Quantity?]) {
    inner = BasicRiskGate(instruments: instruments, maxOrderQuantity: maxOrderQuantity)
  }

  func check(_ order: inout Order, context: RiskContext) -> DenialReason? {
    let verdict = inner.check(&order, context: context)
    if verdict == nil && firstApproval == 0 { firstApproval = LatencyRecorder.now() }
    return verdict
  }

  func didFill(_ fill: Fill, change: PositionChange) {}
}
