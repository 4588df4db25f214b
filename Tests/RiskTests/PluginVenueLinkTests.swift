import CTradeHostPlugin
import HostTestKit
import PluginHost
import Testing
import TradingModel

@testable import Kernel

/// Linked orders (a parent, an OCO partner: brackets) reach a plugin venue that declares
/// `TH_EXCHANGE_OCO` and was built against ABI 1.3 (`th_venue_order` carries the links); a venue
/// built against 1.2, whose orders end before the links, has them denied (49) even when it
/// declares the bit, and still trades plain orders. The venues are the C fixture
/// (`Tests/Fixtures/plugins/src/fixture_venue.c`) and its 1.2 build (`fixture-venue-1-2`).
@Suite("Plugin venue linked orders")
struct PluginVenueLinkTests {
  typealias F = RiskFixture
  static let t0 = F.monday

  /// A risk-wrapped kernel whose SPY.ARCA trades at `plugin`, and that venue.
  static func fixture(
    _ plugin: String, log: PluginVenueFaultTests.LogLines = .init()
  ) throws -> (F, PluginVenue) {
    let registry = try TestPlugins.registry()
    for manifest in ["fixture-venue", "fixture-venue-1-2"] {
      let path = RepositoryPaths.fixtures + "/plugins/\(manifest).yaml"
      if case .failure(let error) = registry.load(manifestPath: path) {
        throw TestKitError("\(error) -- run `make fixtures`")
      }
    }
    var made: PluginVenue?
    let fixture = try F(
      .unlimited, registry: registry,
      venues: { registry, clock in
        let venue = try PluginVenue(
          pluginID: plugin, registry: registry, instruments: [F.spy], trading: [0],
          now: { clock.now() }, log: log.sink)
        made = venue
        return VenueRoutes(venues: [venue], byInstrument: [0])
      }, log: log.sink)
    return (fixture, try #require(made))
  }

  /// Submits a bracket's exits for a long `entry` of 2: a take-profit limit at `takeProfit` and
  /// a stop at `stop`, both children of the entry, the stop the take-profit's OCO partner.
  static func exits(
    _ fixture: F, entry: UInt64, takeProfit: Double, stop: Double
  ) -> (takeProfit: Outcome, stop: Outcome) {
    var limit = F.intent(TH_SIDE_SELL, 2, type: TH_ORDER_LIMIT, limit: takeProfit)
    limit.parent_order_id = entry
    let first = fixture.submit(limit)
    var stopLoss = F.intent(TH_SIDE_SELL, 2, type: TH_ORDER_STOP, stop: stop)
    stopLoss.parent_order_id = entry
    stopLoss.oco_order_id = first.orderID
    return (first, fixture.submit(stopLoss))
  }

  @Test("a bracket at an OCO venue: the exits wait for the entry, the take-profit's fill cancels the stop")
  func bracket() throws {
    let (fixture, venue) = try Self.fixture("fixture-venue")
    #expect(venue.capabilities.features.contains(.oco))
    fixture.feed(at: Self.t0, close: 10_000)
    // The entry is a resting limit, so the exits are sent while their parent is still open.
    let entry = fixture.limit(TH_SIDE_BUY, 2, at: 99.00)
    #expect(entry.accepted)
    let (takeProfit, stop) = Self.exits(fixture, entry: entry.orderID, takeProfit: 102, stop: 97)
    #expect(takeProfit.accepted && stop.accepted)
    // The venue received the links.
    let sent = try venue.exchange.openOrders()
    #expect(sent.map(\.client_order_id) == [entry.orderID, takeProfit.orderID, stop.orderID])
    #expect(sent[1].parent_order_id == entry.orderID && sent[1].oco_order_id == 0)
    #expect(sent[2].parent_order_id == entry.orderID && sent[2].oco_order_id == takeProfit.orderID)
    // 103 would fill the take-profit, but its parent has not filled: nothing fills.
    fixture.feed(at: Self.t0 + minute, close: 10_300)
    #expect(fixture.position() == 0)
    #expect(venue.openOrders.count == 3)
    fixture.feed(at: Self.t0 + 2 * minute, close: 9_900)
    #expect(fixture.position() == 2)
    #expect(venue.openOrders.map(\.clientOrderID) == [takeProfit.orderID, stop.orderID])
    // The take-profit fills; the venue cancels the stop, and the host closes it.
    fixture.feed(at: Self.t0 + 3 * minute, close: 10_250)
    #expect(fixture.position() == 0)
    #expect(venue.openOrders.isEmpty)
    #expect(fixture.kernel.counters.fills == 2)
    #expect(fixture.kernel.counters.venueFaults == 0)
    #expect(fixture.kernel.portfolio.checkConsistency().isEmpty)
  }

  @Test("an entry cancelled unfilled takes its bracket's exits with it")
  func parentCancelled() throws {
    let (fixture, venue) = try Self.fixture("fixture-venue")
    fixture.feed(at: Self.t0, close: 10_000)
    let entry = fixture.limit(TH_SIDE_BUY, 2, at: 99.00)
    let (takeProfit, stop) = Self.exits(fixture, entry: entry.orderID, takeProfit: 102, stop: 97)
    #expect(takeProfit.accepted && stop.accepted)
    _ = fixture.takeEvents()
    let status = fixture.kernel.cancel(
      entry.orderID, from: fixture.kernel.slots[0].strategy.context)
    #expect(status == th_status(TH_OK))
    let cancelled = fixture.takeEvents().filter { $0.type == th_order_event_type(TH_EVENT_CANCELLED) }
    #expect(
      Set(cancelled.map(\.client_order_id))
        == [entry.orderID, takeProfit.orderID, stop.orderID])
    #expect(venue.openOrders.isEmpty)
    #expect(fixture.kernel.counters.venueFaults == 0)
  }

  @Test("a link to an order the venue does not hold is rejected by the venue, with its reason")
  func unknownPartner() throws {
    let (fixture, venue) = try Self.fixture("fixture-venue")
    fixture.feed(at: Self.t0, close: 10_000)
    var limit = F.intent(TH_SIDE_SELL, 1, type: TH_ORDER_LIMIT, limit: 105)
    limit.oco_order_id = 4_242
    var id: UInt64 = 0
    let status = fixture.kernel.submit(
      limit, from: fixture.kernel.slots[0].strategy.context, orderID: &id)
    #expect(status == th_status(TH_OK))
    // The plugin's reason text travels with the pending event (the strategy sees it as `reason`).
    var pending: [PendingOrderEvent] = []
    while let event = fixture.kernel.pending.pop() { pending.append(event) }
    #expect(pending.map(\.event.type) == [th_order_event_type(TH_EVENT_REJECTED)])
    #expect(pending.first?.text == "the OCO partner is not an open order")
    #expect(fixture.kernel.counters.rejections == 1)
    #expect(venue.openOrders.isEmpty)
    #expect(fixture.kernel.counters.venueFaults == 0)
  }

  @Test("a venue built against ABI 1.2 that declares OCO has linked orders denied (49) and trades plain ones")
  func builtAgainstOneTwo() throws {
    let log = PluginVenueFaultTests.LogLines()
    let (fixture, venue) = try Self.fixture("fixture-venue-1-2", log: log)
    #expect(venue.exchange.plugin.abiMinor == 2)
    #expect(!venue.capabilities.features.contains(.oco))
    #expect(
      log.all.contains {
        $0.contains("fixture-venue-1-2") && $0.contains("built against ABI 1.2")
          && $0.contains("denied (49)")
      }, "\(log.all)")
    fixture.feed(at: Self.t0, close: 10_000)
    let entry = fixture.limit(TH_SIDE_BUY, 2, at: 99.00)
    #expect(entry.accepted)
    var exit = F.intent(TH_SIDE_SELL, 2, type: TH_ORDER_LIMIT, limit: 102)
    exit.parent_order_id = entry.orderID
    expectDenied(fixture.submit(exit), .venueLinkedOrder)
    // Plain orders go through at the 1.2 stride: the host reads its query results right.
    let second = fixture.limit(TH_SIDE_BUY, 1, at: 98.00)
    let held = try venue.exchange.openOrders()
    #expect(held.map(\.client_order_id) == [entry.orderID, second.orderID])
    #expect(held.map(\.quantity) == [2, 1])
    #expect(held.allSatisfy { $0.parent_order_id == 0 && $0.oco_order_id == 0 })
    fixture.feed(at: Self.t0 + minute, close: 9_800)
    #expect(fixture.position() == 3)
    #expect(fixture.kernel.counters.venueFaults == 0)
  }
}
