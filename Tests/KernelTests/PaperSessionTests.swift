import HostTestKit
import Kernel
import Testing
import TradingModel

@Suite("Paper sessions on the synthetic market")
struct PaperSessionTests {
  func session(seed: UInt64, bars: Int) throws -> PaperSession {
    let clock = HistoricalClock(start: 1_700_000_000_000_000_000)
    let kernel = try KernelFixture.kernel(clock: clock)
    let market = SyntheticMarket(
      instrument: KernelFixture.share, barNanoseconds: 60_000_000_000, seed: seed)
    return PaperSession(
      kernel: kernel,
      feed: SyntheticFeed(
        markets: [market], start: clock.now(), barNanoseconds: 60_000_000_000),
      time: .market(clock), speed: nil, pacer: ImmediatePacer(), maxBars: bars)
  }

  @Test("the same seed trades the same, to the cent; another seed does not")
  func seeded() throws {
    let first = try session(seed: 7, bars: 2_000)
    let second = try session(seed: 7, bars: 2_000)
    let other = try session(seed: 8, bars: 2_000)
    #expect(first.run(stopPolicy: .flatten) == 2_000)
    second.run(stopPolicy: .flatten)
    other.run(stopPolicy: .flatten)
    #expect(first.kernel.counters.fills > 100)
    #expect(first.kernel.fillDigest == second.kernel.fillDigest)
    #expect(first.kernel.portfolio.equity == second.kernel.portfolio.equity)
    #expect(first.kernel.fillDigest != other.kernel.fillDigest)
    #expect(first.kernel.portfolio.position(slot: 0, instrument: 0).isFlat)
    #expect(first.board.read().state == "stopped")
  }

  @Test(
    "the kernel runs on the market's clock: 60 s bars paced every 200 ms of (simulated) wall time move it 60 s each"
  )
  func marketClock() throws {
    let start: Int64 = 1_700_000_000_000_000_000
    let market = HistoricalClock(start: start)
    let wall = HistoricalClock(start: 5_000_000_000)
    let kernel = try KernelFixture.kernel(clock: market)
    var wallAtRound: [Int64] = []
    let session = PaperSession(
      kernel: kernel,
      feed: SyntheticFeed(
        markets: [
          SyntheticMarket(
            instrument: KernelFixture.share, barNanoseconds: 60_000_000_000, seed: 3)
        ], start: start, barNanoseconds: 60_000_000_000),
      time: .market(market), speed: 300, pacer: SimulatedTimePacer(clock: wall),
      wallClock: wall, maxBars: 10, progressEvery: 1,
      progress: { _ in wallAtRound.append(wall.now()) })
    #expect(session.run(stopPolicy: .keep) == 10)
    #expect(market.now() == start + 10 * 60_000_000_000)
    #expect(kernel.snapshot(state: "x").clock == start + 10 * 60_000_000_000)
    // The first bar is due 200 ms after the start, each next one 200 ms later.
    #expect(wallAtRound == (1...10).map { 5_000_000_000 + Int64($0) * 200_000_000 })
  }

  @Test(
    "a replayed file is paced at N times its own gaps on the (simulated) wall clock, on its own market clock, and ends with the file"
  )
  func replayPacing() throws {
    let start: Int64 = 1_700_000_000_000_000_000
    let gaps: [Int64] = [0, 60, 120, 300, 360]
    let events = gaps.map { KernelFixture.bar(start + $0 * 1_000_000_000, close: 10_000 + $0) }
    let market = HistoricalClock(start: start)
    let wall = HistoricalClock(start: 9_000_000_000)
    let kernel = try KernelFixture.kernel(clock: market)
    var seen: [(wall: Int64, market: Int64)] = []
    let session = PaperSession(
      kernel: kernel, feed: ReplayFeed(events: events), time: .market(market), speed: 60,
      pacer: SimulatedTimePacer(clock: wall), wallClock: wall, progressEvery: 1,
      progress: { snapshot in seen.append((wall.now(), snapshot.clock)) })
    #expect(session.run(stopPolicy: .keep) == 5)
    #expect(session.feedEnded)
    // At 60x, a minute of the file is a second of wall time; the first event is due at once.
    #expect(seen.map(\.wall) == gaps.map { 9_000_000_000 + $0 * 1_000_000_000 / 60 })
    #expect(seen.map(\.market) == gaps.map { start + $0 * 1_000_000_000 })
    #expect(kernel.counters.bars == 5)
  }

  @Test("a stop request from another thread ends the session at the next round")
  func stopRequest() throws {
    let paper = try session(seed: 1, bars: 1_000_000)
    paper.kernel.control.requestStop()
    #expect(paper.run(stopPolicy: .keep) == 0)
  }

  @Test("synthetic bars are consistent, on the tick, and seeded")
  func syntheticBars() {
    var a = SyntheticMarket(instrument: KernelFixture.share, barNanoseconds: 1_000_000_000, seed: 3)
    var b = SyntheticMarket(instrument: KernelFixture.share, barNanoseconds: 1_000_000_000, seed: 3)
    var stressed = 0
    for index in 0..<20_000 {
      let bar = a.nextBar(closingAt: Int64(index))
      #expect(bar == b.nextBar(closingAt: Int64(index)))
      #expect(bar.isConsistent)
      #expect(bar.low.raw >= 1)
      if a.isStressed { stressed += 1 }
    }
    #expect(stressed > 0 && stressed < 20_000)
  }
}
