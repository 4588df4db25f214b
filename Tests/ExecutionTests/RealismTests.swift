import Execution
import HostTestKit
import Testing
import TradingModel

@Suite("Matching engine: volume, queue, latency, impact, fees, venue rules")
struct RealismTests {
  typealias F = VenueFixture

  @Test("queue position: a resting bid at the touch fills only after the size ahead has traded")
  func queuePosition() {
    var configuration = ExecutionConfiguration()
    configuration.queuePosition = true
    let venue = F.venue(configuration)
    let recorder = VenueRecorder()
    venue.match(F.quote(1, bid: 9_990, ask: 10_000, bidSize: 30, askSize: 40), sink: recorder)
    venue.place(F.order(1, .buy, 10, .limit(F.price(9_990))), at: 1, sink: recorder)
    venue.match(F.trade(2, 9_990, size: 20), sink: recorder)
    #expect(recorder.fills.isEmpty)  // 10 of the 30 ahead still wait
    venue.match(F.quote(3, bid: 9_990, ask: 10_000, bidSize: 12, askSize: 40), sink: recorder)
    venue.match(F.trade(4, 9_990, size: 15), sink: recorder)
    // 10 left ahead after the quote shrank to 12 ... min(10, 12) = 10; 15 trade: 10 ahead, 5 ours
    #expect(F.quantities(recorder) == [5])
    #expect(venue.fills(.queueReached) == 1)
    venue.match(F.trade(5, 9_980, size: 1), sink: recorder)  // traded through: the rest fills
    #expect(F.quantities(recorder) == [5, 5])
    #expect(venue.fills(.cross) == 1)
  }

  @Test("a trade whose aggressor bought does not reach resting bids at its price, with or without the queue")
  func aggressorSide() {
    for queue in [false, true] {
      var configuration = ExecutionConfiguration()
      configuration.queuePosition = queue
      let venue = F.venue(configuration)
      let recorder = VenueRecorder()
      venue.match(F.quote(1, bid: 9_990, ask: 10_000, bidSize: 5, askSize: 5), sink: recorder)
      venue.place(F.order(1, .buy, 10, .limit(F.price(9_990))), at: 1, sink: recorder)
      venue.match(F.trade(2, 9_990, size: 50, aggressor: .buyer), sink: recorder)
      #expect(recorder.fills.isEmpty)
      venue.match(F.trade(3, 9_990, size: 50, aggressor: .seller), sink: recorder)
      #expect(F.quantities(recorder) == [10])
    }
  }

  @Test("without the queue model a touch fills; with it the bar's volume per level must pass the queue")
  func touchVersusQueue() {
    let plain = F.venue(.close)
    var configuration = ExecutionConfiguration()
    configuration.queuePosition = true
    let queued = F.venue(configuration)
    for venue in [plain, queued] {
      let recorder = VenueRecorder()
      venue.match(F.bar(1, 10_000, 10_000, 10_000, 10_000, volume: 300), sink: recorder)
      venue.place(F.order(1, .buy, 10, .limit(F.price(9_990))), at: 1, sink: recorder)
      // 9_990..10_010 is 3 levels: 30 per level; 300 ahead (last bar's level volume) -> 270 left
      venue.match(F.bar(2, 10_000, 10_010, 9_990, 10_000, volume: 90), sink: recorder)
    }
    #expect(plain.fills(.touch) == 1)
    #expect(queued.fills(.touch) == 0 && queued.restingCount == 1)
  }

  @Test("latency: an order arrives after its delay and fills at the first event at or after it")
  func latency() {
    var configuration = ExecutionConfiguration()
    configuration.latency = LatencyModel(entry: 50, marketData: 10)
    let venue = F.venue(configuration)
    let recorder = VenueRecorder()
    venue.match(F.bar(100, 10_000, 10_000, 10_000, 10_000), sink: recorder)
    venue.place(F.order(1, .buy, 1, .market), at: 100, sink: recorder)
    venue.match(F.bar(150, 10_010, 10_010, 10_010, 10_010), sink: recorder)
    #expect(recorder.fills.isEmpty)  // arrives at 160
    venue.match(F.bar(160, 10_020, 10_030, 10_020, 10_020), sink: recorder)
    #expect(recorder.fills.map(\.1) == [10_020])
  }

  @Test("latency jitter is drawn from the seed: the same seed gives the same arrivals")
  func seededJitter() {
    func arrivals(seed: UInt64) -> [Int64] {
      var configuration = ExecutionConfiguration()
      configuration.latency = LatencyModel(entry: 10, jitter: 1_000)
      configuration.seed = seed
      let venue = F.venue(configuration)
      let recorder = VenueRecorder()
      venue.match(F.bar(0, 10_000, 10_000, 10_000, 10_000), sink: recorder)
      for id in 1...20 { venue.place(F.order(ClientOrderID(id), .buy, 1, .market), at: 0, sink: recorder) }
      var filledAt: [Int64] = []
      for time in stride(from: Int64(1), through: 1_100, by: 1) {
        let before = recorder.fills.count
        venue.match(F.bar(time, 10_000, 10_000, 10_000, 10_000), sink: recorder)
        filledAt += Array(repeating: time, count: recorder.fills.count - before)
      }
      return filledAt
    }
    #expect(arrivals(seed: 7) == arrivals(seed: 7))
    #expect(arrivals(seed: 7) != arrivals(seed: 8))
    #expect(arrivals(seed: 7).count == 20 && arrivals(seed: 7).allSatisfy { $0 >= 10 })
  }

  @Test("square-root impact moves an aggressive fill against the taker, never past a limit")
  func impact() {
    var configuration = ExecutionConfiguration()
    configuration.impact = ImpactModel(k: 1, sigma: 0.02, adv: 10_000)
    let venue = F.venue(configuration)
    let recorder = VenueRecorder()
    venue.match(F.bar(1, 10_000, 10_000, 10_000, 10_000), sink: recorder)
    // 1 * 0.02 * sqrt(100 / 10000) * 100.00 = 0.20 -> 20 ticks
    venue.place(F.order(1, .buy, 100, .market), at: 1, sink: recorder)
    venue.place(F.order(2, .sell, 100, .market), at: 1, sink: recorder)
    venue.place(F.order(3, .buy, 100, .limit(F.price(10_001))), at: 1, sink: recorder)
    #expect(recorder.fills.map(\.1) == [10_020, 9_980, 10_001])
  }

  @Test("fee tiers: the rate drops once the venue's traded notional passes a tier")
  func feeTiers() {
    let fees = FeeSchedule(
      maker: .zero, taker: BasisPoints(hundredths: 1_000),
      tiers: [.init(notional: 1_500, maker: .zero, taker: BasisPoints(hundredths: 500))])
    let venue = F.venue(ExecutionConfiguration(fees: fees))
    let recorder = VenueRecorder()
    venue.match(F.bar(1, 10_000, 10_000, 10_000, 10_000), sink: recorder)
    for id in 1...3 { venue.place(F.order(ClientOrderID(id), .buy, 10, .market), at: 1, sink: recorder) }
    let charged = recorder.events.compactMap { event -> Int64? in
      if case .filled(_, _, _, let fee, _) = event { return fee }
      return nil
    }
    #expect(charged == [100, 100, 50])  // 1000.00 at 10 bp, again (1000 traded), then 5 bp (2000)
  }

  /// The fees charged for one 1000.00 market buy on each of `days` (days since the epoch),
  /// 10 bp below a tier at 1,500 traded and 5 bp from it, with the tiers' window `window`.
  static func feesOnDays(_ days: [Int64], window: Int) -> [Int64] {
    let fees = FeeSchedule(
      maker: .zero, taker: BasisPoints(hundredths: 1_000),
      tiers: [.init(notional: 1_500, maker: .zero, taker: BasisPoints(hundredths: 500))],
      windowDays: window)
    let venue = F.venue(ExecutionConfiguration(fees: fees))
    let recorder = VenueRecorder()
    for (index, day) in days.enumerated() {
      let time = day * F.day + 3_600_000_000_000
      venue.match(F.bar(time, 10_000, 10_000, 10_000, 10_000), sink: recorder)
      venue.place(
        F.order(ClientOrderID(index + 1), .buy, 10, .market, at: time), at: time, sink: recorder)
    }
    return recorder.events.compactMap { event -> Int64? in
      if case .filled(_, _, _, let fee, _) = event { return fee }
      return nil
    }
  }

  @Test("fee tiers count a rolling window of days: volume older than the window stops counting")
  func feeTierWindow() {
    // Two fills on day 100 reach the tier (2000 traded); day 129 is still within 30 days of
    // day 100, day 130 is not (and day 129's own 1000 is below the tier), day 160 starts over.
    #expect(Self.feesOnDays([100, 100, 129, 130, 160], window: 30) == [100, 100, 50, 100, 100])
    // A 7-day window forgets sooner; no window (0) counts the whole run.
    #expect(Self.feesOnDays([100, 100, 107, 110], window: 7) == [100, 100, 100, 100])
    #expect(Self.feesOnDays([100, 100, 107, 110], window: 0) == [100, 100, 50, 50])
    // A jump far past the window empties it at once.
    #expect(Self.feesOnDays([100, 100, 100, 2_000], window: 30) == [100, 100, 50, 100])
    #expect(FeeSchedule().windowDays == 30)
  }

  @Test("order-rate limit: past N orders in the window the venue rejects, saying so")
  func rateLimit() {
    var configuration = ExecutionConfiguration()
    configuration.rateLimit = OrderRateLimit(orders: 2, window: 1_000)
    let venue = F.venue(configuration)
    let recorder = VenueRecorder()
    venue.match(F.bar(1, 10_000, 10_000, 10_000, 10_000), sink: recorder)
    #expect(venue.place(F.order(1, .buy, 1, .limit(F.price(9_000))), at: 10, sink: recorder) == .accepted)
    #expect(venue.place(F.order(2, .buy, 1, .limit(F.price(9_000))), at: 20, sink: recorder) == .accepted)
    #expect(
      venue.place(F.order(3, .buy, 1, .limit(F.price(9_000))), at: 900, sink: recorder)
        == .rejected("order rate limit exceeded: too many orders in the window"))
    #expect(venue.place(F.order(4, .buy, 1, .limit(F.price(9_000))), at: 1_010, sink: recorder) == .accepted)
  }

  @Test("orders of two slots match in the book; one slot's orders never trade with each other")
  func selfTradePrevention() {
    let venue = F.venue(.close)
    let recorder = VenueRecorder()
    venue.match(F.quote(1, bid: 9_990, ask: 10_010, bidSize: 5, askSize: 5), sink: recorder)
    venue.place(F.order(1, .sell, 3, .limit(F.price(10_000)), slot: 0), at: 1, sink: recorder)
    venue.place(F.order(2, .buy, 2, .market, slot: 1), at: 1, sink: recorder)
    #expect(recorder.fills.map(\.1) == [10_000, 10_000])
    #expect(venue.fills(.book) == 2)
    venue.place(F.order(3, .buy, 1, .market, slot: 0), at: 1, sink: recorder)
    #expect(recorder.events.contains(.canceled(1, "cancelled: self-trade prevention")))
    #expect(recorder.fills.last?.1 == 10_010)  // order 3 then took the market's ask
  }

  @Test("a strategy resubmitting market orders the volume cap leaves partly filled cannot grow the book")
  func boundedBook() {
    var configuration = ExecutionConfiguration()
    configuration.participation = BasisPoints(hundredths: 10_000)  // 1 %
    let venue = F.venue(configuration, capacity: 8)
    let recorder = VenueRecorder()
    for time in Int64(1)...50 {
      venue.match(F.bar(time, 10_000, 10_000, 10_000, 10_000, volume: 100), sink: recorder)
      venue.place(F.order(ClientOrderID(time), .buy, 10, .market), at: time, sink: recorder)
      #expect(venue.restingCount == 0)
    }
    #expect(F.quantities(recorder) == Array(repeating: 1, count: 50))
    #expect(!recorder.events.contains { if case .rejected = $0 { true } else { false } })
  }

  @Test("the flatten at the end of a run is not bounded by the last event's volume")
  func immediateIgnoresTheCap() {
    var configuration = ExecutionConfiguration.realistic
    configuration.participation = BasisPoints(hundredths: 10_000)
    let venue = F.venue(configuration)
    let recorder = VenueRecorder()
    venue.match(F.bar(1, 10_000, 10_000, 10_000, 10_000, volume: 100), sink: recorder)
    venue.place(F.order(1, .sell, 40, .market), at: 1, immediate: true, sink: recorder)
    #expect(F.quantities(recorder) == [40])
  }
}
