import CTradeHostPlugin
import HostTestKit
import PluginHost
import Testing
import TradingModel

@testable import Kernel

/// Market data a live adapter streams drives its instruments in `tradehost run`
/// (`streamsMarketData`): it reaches the kernel's market-event path (marks, risk, strategies)
/// exactly as the host's own feed does, and the session's feed skips those instruments; in a
/// backtest the host's files stay the source and what the plugin streams is dropped. The venue
/// is the C fixture's streaming build (`fixture-stream-venue`: each poll streams one bar).
@Suite("Plugin venue market data")
struct PluginVenueStreamTests {
  typealias F = RiskFixture
  static let t0 = F.monday

  static func fixture(
    _ plugin: String = "fixture-stream-venue", streams: Bool, fault: String = "good",
    log: PluginVenueFaultTests.LogLines = .init()
  ) throws -> (F, PluginVenue) {
    let registry = try TestPlugins.registry()
    for manifest in ["fixture-venue", "fixture-stream-venue"] {
      let path = RepositoryPaths.fixtures + "/plugins/\(manifest).yaml"
      if case .failure(let error) = registry.load(manifestPath: path) {
        throw TestKitError("\(error) -- run `make fixtures`")
      }
    }
    var made: PluginVenue?
    let fixture = try F(
      .unlimited, registry: registry, start: Self.t0,
      venues: { registry, clock in
        let venue = try PluginVenue(
          pluginID: plugin, registry: registry, parameters: [("fault", fault)],
          instruments: [F.spy], trading: [0], now: { clock.now() }, log: log.sink,
          streamsMarketData: streams)
        made = venue
        return VenueRoutes(venues: [venue], byInstrument: [0])
      }, log: log.sink)
    return (fixture, try #require(made))
  }

  @Test("in a run, a live adapter's bars mark the ledger, reach the strategies and price its fills")
  func streamedBarsDriveTheKernel() throws {
    let (fixture, venue) = try Self.fixture(streams: true)
    #expect(venue.streamsMarketData)
    #expect(fixture.kernel.isStreamedByVenue(0))
    // Before any data, a market order has no price.
    expectDenied(fixture.buy(1), .noMarketPrice)
    // One poll: the adapter streams a bar closing at 100.00; the kernel processes it, and the
    // slot's strategy is called with it.
    let callbacks = fixture.kernel.slots[0].callbacks
    #expect(fixture.kernel.processStreamedMarketData() == 1)
    #expect(fixture.kernel.counters.bars == 1)
    #expect(fixture.kernel.lastPrices[0] == 10_000)
    #expect(fixture.kernel.slots[0].callbacks == callbacks + 1)
    let buy = fixture.buy(2)
    #expect(buy.accepted)
    // A minute later the next bar (100.01) fills the order, and marks the position at it.
    #expect(fixture.kernel.processStreamedMarketData() == 0)
    fixture.clock.advance(to: Self.t0 + minute)
    #expect(fixture.kernel.processStreamedMarketData() == 1)
    #expect(fixture.position() == 2)
    let position = fixture.kernel.portfolio.position(slot: 0, instrument: 0)
    #expect(position.averageOpenPrice == Price(raw: 10_001, precision: 2))
    #expect(fixture.kernel.counters.bars == 2)
    #expect(fixture.kernel.counters.venueFaults == 0)
  }

  @Test("in a backtest the host's data is the source: what the adapter streams is dropped")
  func backtestDropsStreamedData() throws {
    let (fixture, venue) = try Self.fixture(streams: false)
    #expect(!venue.streamsMarketData && !fixture.kernel.isStreamedByVenue(0))
    #expect(fixture.kernel.processStreamedMarketData() == 0)
    #expect(fixture.kernel.counters.bars == 0)
    #expect(venue.droppedMarketData == 1)
  }

  @Test("a paper venue that takes the host's market events is never its instruments' source")
  func paperVenueDoesNotStream() throws {
    let (fixture, venue) = try Self.fixture("fixture-venue", streams: true)
    #expect(!venue.streamsMarketData && !fixture.kernel.isStreamedByVenue(0))
  }

  @Test("a streamed bar off the tick is one error naming the plugin and the instrument, and is dropped")
  func offTickBarRefused() throws {
    let log = PluginVenueFaultTests.LogLines()
    let (fixture, _) = try Self.fixture(streams: true, fault: "off_tick", log: log)
    #expect(fixture.kernel.processStreamedMarketData() == 0)
    let errors = log.all.filter { $0.contains("venue 'fixture-stream-venue'") }
    #expect(errors.count == 1, "\(log.all)")
    #expect(errors.first?.contains("price not on the tick: SPY: bar open") == true, "\(errors)")
    #expect(fixture.kernel.counters.bars == 0 && fixture.kernel.counters.venueFaults == 1)
  }

  @Test("a paper session takes a streaming venue's instruments from the venue, not from its feed")
  func sessionSkipsTheFeed() throws {
    let (fixture, _) = try Self.fixture(streams: true)
    let market = SyntheticMarket(instrument: F.spy, barNanoseconds: 60_000_000_000, seed: 1)
    let session = PaperSession(
      kernel: fixture.kernel,
      feed: SyntheticFeed(markets: [market], start: Self.t0, barNanoseconds: 60_000_000_000),
      time: .market(fixture.clock), speed: nil, pacer: ImmediatePacer(), maxBars: 3)
    #expect(session.run(stopPolicy: .keep) == 3)
    // Three rounds, each one poll: the three bars are the venue's (100.00 to 100.02); the
    // feed's generated bars were skipped.
    #expect(fixture.kernel.counters.bars == 3)
    #expect(fixture.kernel.lastPrices[0] == 10_002)
  }
}
