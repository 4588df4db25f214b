import Backtest
import CAllocCounter
import Execution
import HostTestKit
import Kernel
import PluginHost
import TradingModel

/// The matching engine in the kernel loop (issue 11): the parity workload with the peers'
/// settings and with `--fill realistic`, each with its allocations per event; and the engine
/// alone matching the SPY bars against a book of resting limit orders.
enum SimulatorBench {
  static func run(_ registry: PluginRegistry) throws {
    for (label, execution) in [
      ("peers' settings: close fills", ExecutionConfiguration()),
      ("realistic settings", ExecutionConfiguration.realistic),
    ] {
      var plan = KernelBench.plan()
      plan.execution = execution
      var best = Double.infinity
      var fills = 0
      for _ in 0..<5 {
        let prepared = try BacktestRunner.prepare(
          plan, registry: registry, cacheDirectory: nil, log: KernelLog.discard)
        let start = LatencyRecorder.now()
        for event in prepared.events { prepared.kernel.process(event) }
        best = min(best, Double(LatencyRecorder.now() - start) / 1e9)
        fills = prepared.kernel.counters.fills
      }
      let prepared = try BacktestRunner.prepare(
        plan, registry: registry, cacheDirectory: nil, log: KernelLog.discard)
      let warmup = 1_000
      for event in prepared.events.prefix(warmup) { prepared.kernel.process(event) }
      let before = th_alloc_count()
      for event in prepared.events.dropFirst(warmup) { prepared.kernel.process(event) }
      let allocations = th_alloc_count() - before
      let measured = prepared.events.count - warmup
      print(
        "kernel loop with the simulator, \(label): "
          + "\(BenchMain.format(Double(prepared.events.count) / best / 1e6)) M bars/s "
          + "(\(fills) fills, best of 5; \(allocations) allocations over \(measured) events)")
    }
    try bookBench(registry)
  }

  /// The engine alone: every SPY bar matched against 1,000 resting limits (500 a side, spread
  /// over 50 price levels around the first close) with queue position and a volume cap; the
  /// book is refilled as orders fill.
  static func bookBench(_ registry: PluginRegistry) throws {
    let bars = try BacktestRunner.prepare(
      KernelBench.plan(), registry: registry, cacheDirectory: nil,
      log: KernelLog.discard
    ).events
    let spy = try Instrument.make(
      id: 0, symbol: "SPY", venue: "ARCA", currency: .usd, pricePrecision: 2
    ).get()
    var configuration = ExecutionConfiguration()
    configuration.queuePosition = true
    configuration.participation = BasisPoints(hundredths: 100_000)
    let venue = SimulatedVenue(instruments: [spy], configuration: configuration, capacity: 4_096)
    let sink = CountingSink()
    var nextID: ClientOrderID = 1
    func refill(around price: Int64, at time: Int64) {
      while venue.restingCount < 1_000 {
        let side: OrderSide = nextID % 2 == 0 ? .buy : .sell
        let offset = Int64(nextID % 50) + 1
        let limit = side == .buy ? price - offset : price + offset
        var order = Order(
          clientOrderID: nextID, slot: Int(nextID % 4), instrument: 0, side: side,
          quantity: Quantity(raw: 100, precision: 0),
          type: .limit(Price(raw: max(1, limit), precision: 2)), timeInForce: .gtc,
          reduceOnly: false, createdAt: time)
        try? order.apply(.submitted, at: time)
        nextID += 1
        venue.place(order, at: time, sink: sink)
      }
    }
    guard case .bar(let first) = bars.first else { return }
    refill(around: first.close.raw, at: first.timestamp)
    let start = LatencyRecorder.now()
    for event in bars {
      venue.match(event, sink: sink)
      if case .bar(let bar) = event, venue.restingCount < 900 {
        refill(around: bar.close.raw, at: bar.timestamp)
      }
    }
    let seconds = Double(LatencyRecorder.now() - start) / 1e9
    print(
      "matching engine alone, 1,000 resting limits, queue + 10 % cap: "
        + "\(BenchMain.format(Double(bars.count) / seconds / 1e6)) M bars/s "
        + "(\(sink.fills) fills, \(nextID - 1) orders)")
  }
}

/// A sink that counts fills and lets every order fill in full.
final class CountingSink: VenueSink {
  var fills = 0
  func fillableQuantity(_ order: Order, proposed: Quantity) -> Quantity { proposed }
  func venueAccepted(_ order: Order) {}
  func venueFilled(_ order: Order, fill: Fill) { fills += 1 }
  func venueTriggered(_ order: Order) {}
  func venueCanceled(_ order: Order, reason: StaticString) {}
  func venueCanceled(_ order: Order, text: String) {}
  func venueExpired(_ order: Order) {}
  func venueRejected(_ order: Order, reason: StaticString) {}
  func venueRejected(_ order: Order, text: String) {}
  func venueAmended(_ order: Order) {}
  func venueAmendRejected(_ order: Order, attempted: OrderAmendment, reason: StaticString) {}
  func venueAmendRejected(_ order: Order, attempted: OrderAmendment, text: String) {}
  func venueFault(_ fault: VenueFault) {}
}
