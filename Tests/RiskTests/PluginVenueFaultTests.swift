import CTradeHostPlugin
import HostTestKit
import PluginHost
import Risk
import Synchronization
import Testing
import TradingModel

@testable import Kernel

/// An exchange plugin trades behind the venue seam (`PluginVenue`), and every rule it breaks is
/// refused with one error naming the plugin and the order, counted by the venue-health breaker,
/// while the host keeps running with its ledger consistent. The venue is the C fixture
/// `Tests/Fixtures/plugins/src/fixture_venue.c`; its `fault` parameter picks the rule it breaks.
@Suite("Plugin venue faults")
struct PluginVenueFaultTests {
  typealias F = RiskFixture
  static let t0 = F.monday

  /// The kernel's log lines.
  final class LogLines: Sendable {
    let lines = Mutex<[String]>([])
    var all: [String] { lines.withLock { $0 } }
    var sink: KernelLogSink {
      { [self] _, source, message in
        lines.withLock { $0.append("\(source): \(message)") }
      }
    }
  }

  /// A risk-wrapped kernel whose SPY.ARCA trades at `fixture-venue` with `fault`.
  static func fixture(_ fault: String, log: LogLines = LogLines(), inbox: Int = 4096) throws -> F {
    let registry = try TestPlugins.registry()
    let manifest = RepositoryPaths.fixtures + "/plugins/fixture-venue.yaml"
    if case .failure(let error) = registry.load(manifestPath: manifest) {
      throw TestKitError("\(error) -- run `make fixtures`")
    }
    return try F(
      .unlimited, registry: registry,
      venues: { registry, clock in
        let venue = try PluginVenue(
          pluginID: "fixture-venue", registry: registry, parameters: [("fault", fault)],
          instruments: [F.spy], trading: [0], now: { clock.now() }, log: log.sink,
          inboxCapacity: inbox)
        return VenueRoutes(venues: [venue], byInstrument: [0])
      }, log: log.sink)
  }

  @Test("a well-behaved venue plugin's accept and fills reach the portfolio and the strategy")
  func tradesThroughThePlugin() throws {
    let fixture = try Self.fixture("good")
    fixture.feed(at: Self.t0, close: 10_000)
    let buy = fixture.buy(2)
    #expect(buy.types == [th_order_event_type(TH_EVENT_ACCEPTED)])
    #expect(fixture.position() == 0)
    // The venue fills at the next event it is fed, before the strategies see it.
    fixture.feed(at: Self.t0 + minute, close: 10_100)
    #expect(fixture.position() == 2)
    let position = fixture.kernel.portfolio.position(slot: 0, instrument: 0)
    #expect(position.averageOpenPrice == Price(raw: 10_100, precision: 2))
    fixture.sell(2)
    fixture.feed(at: Self.t0 + 2 * minute, close: 10_200)
    #expect(fixture.position() == 0)
    #expect(fixture.kernel.counters.fills == 2)
    #expect(fixture.kernel.counters.venueFaults == 0)
    // A resting limit is cancelled at the venue on request.
    let resting = fixture.limit(TH_SIDE_BUY, 1, at: 90.00)
    #expect(resting.accepted)
    let status = fixture.kernel.cancel(
      resting.orderID, from: fixture.kernel.slots[0].strategy.context)
    #expect(status == th_status(TH_OK))
    #expect(fixture.takeEvents().map(\.type) == [th_order_event_type(TH_EVENT_CANCELLED)])
  }

  /// One broken rule: what the fault names, and the position the ledger ends with.
  struct Case: Sendable, CustomStringConvertible {
    let fault: String
    /// Text the one error line must contain besides the plugin's name.
    let says: String
    /// The order the error names (`nil`: the event could not be read far enough).
    let order: UInt64?
    /// Shares held afterwards: what the venue really did that the seam let through.
    let position: Int64
    /// Error lines over the two bars (a failing market-event call fails on each).
    var errors = 1
    var description: String { fault }
  }

  static let cases: [Case] = [
    Case(fault: "submit_error", says: "call failed: submit_order failed", order: 1, position: 0),
    Case(fault: "malformed", says: "malformed event: th_order_event has struct_size 8", order: nil, position: 2),
    Case(fault: "duplicate", says: "duplicate or out-of-order event", order: 1, position: 2),
    Case(fault: "unknown_order", says: "unknown order: a fill", order: 1001, position: 0),
    Case(fault: "overfill", says: "fill larger than the order: a fill of 4 when 2 of 2", order: 1, position: 0),
    Case(fault: "off_tick", says: "price not on the tick: fill price", order: 1, position: 0),
    Case(fault: "market_error", says: "call failed: on_market_event failed", order: nil, position: 0, errors: 2),
  ]

  @Test("each broken rule is one error naming the plugin and the order; the host runs on", arguments: cases)
  func refused(_ rule: Case) throws {
    let log = LogLines()
    let fixture = try Self.fixture(rule.fault, log: log)
    fixture.feed(at: Self.t0, close: 10_000)
    fixture.buy(2)
    fixture.feed(at: Self.t0 + minute, close: 10_100)
    let errors = log.all.filter { $0.contains("venue 'fixture-venue'") }
    #expect(errors.count == rule.errors, "\(log.all)")
    let line = try #require(errors.first)
    #expect(line.contains(rule.says), "\(line)")
    if let order = rule.order { #expect(line.contains("order \(order):"), "\(line)") }
    #expect(fixture.kernel.counters.venueFaults == rule.errors)
    #expect(fixture.position() == rule.position)
    // Nothing half-applied: the account's cash and the slot's sub-ledger still agree.
    #expect(fixture.kernel.portfolio.checkConsistency().isEmpty)
    // The host keeps running: more events are processed.
    fixture.feed(at: Self.t0 + 2 * minute, close: 10_000)
    #expect(fixture.kernel.counters.bars == 3)
  }

  @Test("a full inbox refuses the plugin's event, and the next drain reports the loss as a fault")
  func inboxOverflow() throws {
    let log = LogLines()
    // Room for one event: the fixture's second accept of each order finds the inbox full.
    let fixture = try Self.fixture("duplicate", log: log, inbox: 1)
    fixture.feed(at: Self.t0, close: 10_000)
    let buy = fixture.buy(1)
    #expect(buy.accepted)
    let errors = log.all.filter { $0.contains("venue 'fixture-venue'") }
    #expect(errors.count == 1, "\(log.all)")
    #expect(errors.first?.contains("event queue overflow: 1 events were refused") == true)
    #expect(fixture.kernel.counters.venueFaults == 1)
    fixture.feed(at: Self.t0 + minute, close: 10_100)
    #expect(fixture.position() == 1)
  }

  @Test("overfills from a venue open its venue-health breaker; then only reducing orders pass (152)")
  func breakerOpens() throws {
    let fixture = try Self.fixture("overfill")
    for step in 0..<10 {
      fixture.feed(at: Self.t0 + Int64(step) * second, close: 10_000)
      fixture.buy(1)
    }
    fixture.feed(at: Self.t0 + 10 * second, close: 10_000)
    // Within the breaker's minute, 5 accepts and 5 overfills are 10 answers, half of them bad:
    // the 10th opens the breaker (30% of at least 10), and the later buys are denied.
    #expect(fixture.kernel.counters.venueFaults == 5)
    let opened = fixture.audited("breaker")
    #expect(opened.first?.scope == "venue ARCA")
    #expect(opened.first?.to == "open")
    expectDenied(fixture.buy(1), .venueBreakerOpen)
    #expect(fixture.position() == 0)
  }
}
