import CTradeHostPlugin
import Foundation
import HostTestKit
import PluginHost
import Testing

/// `paper-venue` (Swift, PluginKit): replays a bar file on the host's clock, fills market orders
/// at the last close it replayed.
@Suite("Out-of-tree example: paper venue", .timeLimit(.minutes(10)))
struct PaperVenueTests {
  static let second: Int64 = 1_000_000_000

  /// A bar file, out of time order on purpose; QQQ is never subscribed.
  static let bars = """
    timestamp_ns,symbol,open,high,low,close,volume
    2000000000,SPY,100.5,101.5,100,101,1000
    1000000000,SPY,99.5,100.5,99,100,1000
    1000000000,QQQ,380,381,379,380.5,500
    """

  /// A bar file in a fresh temporary folder.
  static func barFile() throws -> String {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("paper-venue-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let path = folder.appendingPathComponent("bars.csv").path
    try Self.bars.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  /// A market order of instrument 7 (the host's id for SPY in these tests).
  static func order(_ id: UInt64, _ side: Int, _ quantity: Double) -> th_venue_order {
    var order = th_venue_order()
    order.instrument_id = 7
    order.client_order_id = id
    order.side = th_side(side)
    order.type = th_order_type(TH_ORDER_MARKET)
    order.time_in_force = th_time_in_force(TH_TIF_GTC)
    order.quantity = quantity
    return order
  }

  /// The order events recorded since event number `start`.
  static func orderEvents(_ environment: RecordingEnvironment, from start: Int = 0)
    -> [OrderEventRecord]
  {
    environment.venueEvents.dropFirst(start).compactMap(\.order)
  }

  @Test("fills at the last replayed close, refuses repeated client order ids, answers queries")
  func tradesAndQueries() async throws {
    let registry = try await Example.registry()
    let file = try Self.barFile()
    defer {
      try? FileManager.default.removeItem(atPath: (file as NSString).deletingLastPathComponent)
    }
    let environment = RecordingEnvironment(now: 0)
    let venue = try registry.makeExchange(
      "paper-venue", parameters: [("starting_cash", "10000"), ("fee_bps", "5")],
      environment: environment)
    #expect(venue.isPolled)

    try venue.connect(config: [("bars", file)])
    #expect(environment.venueEvents.map(\.type) == [th_venue_event_type(TH_VENUE_CONNECTED)])
    try venue.subscribe(symbol: "SPY", instrumentID: 7, dataTypes: UInt32(TH_DATA_BARS))

    // No price yet: the order is accepted and waits.
    try venue.submit(Self.order(1, TH_SIDE_BUY, 10), symbol: "SPY")
    #expect(Self.orderEvents(environment).map(\.type) == [th_order_event_type(TH_EVENT_ACCEPTED)])
    #expect(try venue.openOrders().map(\.client_order_id) == [1])

    // The first second's bars: SPY is emitted (QQQ is not subscribed), then the order fills.
    var seen = environment.venueEvents.count
    try venue.poll(now: Self.second)
    let fresh = Array(environment.venueEvents.dropFirst(seen))
    #expect(
      fresh.map(\.type) == [th_venue_event_type(TH_VENUE_BAR), th_venue_event_type(TH_VENUE_ORDER)])
    #expect(fresh.first?.bar?.instrument_id == 7 && fresh.first?.bar?.close == 100)
    let fill = try #require(fresh.last?.order)
    #expect(fill.type == th_order_event_type(TH_EVENT_FILLED))
    #expect(fill.clientOrderID == 1 && fill.fillQuantity == 10 && fill.fillPrice == 100)
    #expect(fill.fee == 0.5 && fill.leavesQuantity == 0)
    #expect(fill.venueOrderID == "PV-1")
    #expect(try venue.openOrders().isEmpty)

    // The same client order id again: TH_ERR_DUPLICATE, and nothing is sent.
    seen = environment.venueEvents.count
    let duplicate = #expect(throws: PluginCallError.self) {
      try venue.submit(Self.order(1, TH_SIDE_BUY, 10), symbol: "SPY")
    }
    #expect(duplicate?.status == th_status(TH_ERR_DUPLICATE))
    #expect(environment.venueEvents.count == seen)

    // With a price known, an order fills at once.
    environment.setNow(Self.second + 1)
    try venue.submit(Self.order(2, TH_SIDE_SELL, 4), symbol: "SPY")
    #expect(
      Self.orderEvents(environment, from: seen).map(\.type) == [
        th_order_event_type(TH_EVENT_ACCEPTED), th_order_event_type(TH_EVENT_FILLED),
      ])
    #expect(Self.orderEvents(environment, from: seen).last?.fillPrice == 100)

    let balances = try venue.balances()
    #expect(balances.count == 1)
    let cash = try #require(balances.first?.total)
    #expect(abs(cash - (10_000 - 1_000 - 0.5 + 400 - 0.2)) < 1e-9)
    let positions = try venue.positions()
    #expect(positions.map(\.instrument_id) == [7])
    #expect(positions.first?.quantity == 6 && positions.first?.average_price == 100)

    // A buy the cash cannot pay for is rejected with a reason; an unknown cancel is NOT_FOUND.
    seen = environment.venueEvents.count
    try venue.submit(Self.order(3, TH_SIDE_BUY, 1_000), symbol: "SPY")
    let rejected = try #require(Self.orderEvents(environment, from: seen).first)
    #expect(rejected.type == th_order_event_type(TH_EVENT_REJECTED))
    #expect(rejected.reason?.hasPrefix("insufficient cash") == true)
    let cancel = #expect(throws: PluginCallError.self) { try venue.cancel(clientOrderID: 99) }
    #expect(cancel?.status == th_status(TH_ERR_NOT_FOUND))
    venue.disconnect()
  }

  @Test("a waiting order can be cancelled; connect refuses unknown settings")
  func cancelAndSettings() async throws {
    let registry = try await Example.registry()
    let file = try Self.barFile()
    defer {
      try? FileManager.default.removeItem(atPath: (file as NSString).deletingLastPathComponent)
    }
    let environment = RecordingEnvironment()
    let venue = try registry.makeExchange("paper-venue", environment: environment)

    let settings = #expect(throws: PluginCallError.self) {
      try venue.connect(config: [("bar", file)])
    }
    #expect(settings?.status == th_status(TH_ERR_INVALID_ARGUMENT))
    #expect(
      settings?.description
        == "paper-venue: connect failed (TH_ERR_INVALID_ARGUMENT): "
        + "unknown connect setting `bar` (known: bars)"
    )

    try venue.connect(config: [("bars", file)])
    try venue.submit(Self.order(5, TH_SIDE_SELL, 1), symbol: "SPY")
    try venue.cancel(clientOrderID: 5)
    #expect(
      Self.orderEvents(environment).map(\.type) == [
        th_order_event_type(TH_EVENT_ACCEPTED), th_order_event_type(TH_EVENT_CANCELLED),
      ])
    #expect(try venue.openOrders().isEmpty)
    try venue.poll(now: 10 * Self.second)
    #expect(try venue.positions().isEmpty)
  }
}
