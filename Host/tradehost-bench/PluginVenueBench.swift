import CAllocCounter
import PluginHost
import Synchronization
import TradingModel

/// Order-to-fill latency through a plugin venue (issue 11): the C fixture venue
/// (`Tests/Fixtures/plugins/src/fixture_venue.c`, built by `make fixtures`) behind `PluginVenue`.
/// Each sample is one market order from `submit` to the sink's fill: `submit_order` through the
/// ABI, the accept emitted through `venue_emit` into the inbox and drained, one market event
/// through `on_market_event`, the fill emitted, drained, checked (tick, lot, lifecycle) and
/// handed to the sink. No kernel, risk gate or strategy around it.
enum PluginVenueBench {
  static func run(root: String) throws {
    let registry = PluginRegistry()
    if case .failure(let error) = registry.load(
      manifestPath: root + "/Tests/Fixtures/plugins/fixture-venue.yaml")
    {
      print("order to fill through a plugin venue: skipped (\(error); run `make fixtures`)")
      return
    }
    let spy = try Instrument.make(
      id: 0, symbol: "SPY", venue: "ARCA", currency: .usd, pricePrecision: 2
    ).get()
    let clock = Atomic<Int64>(1_000_000_000)
    let venue = try PluginVenue(
      pluginID: "fixture-venue", registry: registry, instruments: [spy], trading: [0],
      now: { clock.load(ordering: .relaxed) }, log: { _, _, _ in })
    let sink = FillClock()
    let count = 100_000
    let warmup = 1_000
    var latencies = LatencyRecorder(capacity: count)
    var allocations: UInt64 = 0
    let price = Price(raw: 10_000, precision: 2)
    for index in 0..<(count + warmup) {
      let time = Int64(index + 2) * 1_000_000_000
      clock.store(time, ordering: .relaxed)
      var order = Order(
        clientOrderID: ClientOrderID(index + 1), slot: 0, instrument: 0,
        side: index % 2 == 0 ? .buy : .sell, quantity: Quantity(raw: 1, precision: 0),
        type: .market, timeInForce: .gtc, reduceOnly: false, createdAt: time)
      try? order.apply(.submitted, at: time)
      let bar = MarketEvent.bar(
        Bar(
          instrument: 0, timestamp: time, open: price, high: price, low: price, close: price,
          volume: Quantity(raw: 100, precision: 0)))
      let allocationsBefore = th_alloc_count()
      let start = LatencyRecorder.now()
      venue.submit(order, at: time, immediate: false, sink: sink)
      venue.marketEvent(bar, sink: sink)
      let end = sink.lastFill
      if index >= warmup {
        allocations += th_alloc_count() - allocationsBefore
        latencies.record(end - start)
      }
    }
    guard sink.fills == count + warmup, venue.faults == 0 else {
      print(
        "order to fill through a plugin venue: \(sink.fills) fills of \(count + warmup) orders, \(venue.faults) faults (broken)"
      )
      return
    }
    let p = latencies.percentiles()
    print(
      "order to fill through a plugin venue (C fixture venue, submit -> accept -> market event -> fill): "
        + "p50 \(p.p50) ns, p99 \(p.p99) ns, p99.9 \(p.p999) ns, max \(p.max) ns over \(count) orders; "
        + "\(BenchMain.format(Double(allocations) / Double(count))) allocations per order")
  }
}

/// A sink that stamps the time of each fill.
final class FillClock: VenueSink {
  var fills = 0
  var lastFill: UInt64 = 0
  func fillableQuantity(_ order: Order, proposed: Quantity) -> Quantity { proposed }
  func venueAccepted(_ order: Order) {}
  func venueFilled(_ order: Order, fill: Fill) {
    lastFill = LatencyRecorder.now()
    fills += 1
  }
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
