import Execution
import HostTestKit
import Testing
import TradingModel

@Suite("Simulated venue fill rules")
struct SimulatedVenueTests {
  typealias F = VenueFixture

  @Test("close timing: a market buy fills at once at the bar's close plus slippage, taker fee")
  func marketAtClose() {
    let venue = F.venue(
      .close, fees: FeeSchedule(maker: .zero, taker: BasisPoints(hundredths: 100)), slippage: 2)
    let recorder = VenueRecorder()
    venue.match(F.bar(1, 10_000, 10_050, 9_950, 10_020), sink: recorder)
    venue.place(F.order(1, .buy, 10, .market), at: 1, sink: recorder)
    // 100.20 + 2 ticks = 100.22; notional 1002.20; 1 bp = 0.10022 -> 0.10 (half-even)
    #expect(
      recorder.events == [.accepted(1), .filled(1, price: 10_022, quantity: 10, fee: 10, .taker)])
    #expect(venue.restingCount == 0)
  }

  @Test("a market order before any price rests until the next event, even in close timing")
  func marketWithoutReference() {
    let venue = F.venue(.close)
    let recorder = VenueRecorder()
    venue.place(F.order(1, .sell, 1, .market), at: 0, sink: recorder)
    #expect(venue.restingCount == 1)
    venue.match(F.bar(1, 10_000, 10_050, 9_950, 10_020), sink: recorder)
    #expect(recorder.fills.map(\.1) == [10_000])
  }

  @Test("next-open timing: a market order fills at the next bar's open, never at the signal bar")
  func marketNextOpen() {
    let venue = F.venue(.nextOpen, slippage: 1)
    let recorder = VenueRecorder()
    venue.match(F.bar(1, 10_000, 10_050, 9_950, 10_020), sink: recorder)
    venue.place(F.order(1, .sell, 5, .market), at: 1, sink: recorder)
    #expect(recorder.fills.isEmpty)
    venue.match(F.bar(2, 10_030, 10_060, 10_010, 10_040), sink: recorder)
    #expect(recorder.fills.map(\.1) == [10_029])  // open 100.30 - 1 tick for a sell
  }

  @Test("a resting limit buy fills at the limit when the low touches it, maker")
  func limitTouched() {
    let venue = F.venue(
      .close, fees: FeeSchedule(maker: BasisPoints(hundredths: -50), taker: .zero))
    let recorder = VenueRecorder()
    venue.match(F.bar(1, 10_000, 10_050, 9_950, 10_020), sink: recorder)
    venue.place(F.order(1, .buy, 100, .limit(F.price(9_900))), at: 1, sink: recorder)
    venue.match(F.bar(2, 10_000, 10_010, 9_901, 9_950), sink: recorder)
    #expect(recorder.fills.isEmpty)
    venue.match(F.bar(3, 9_950, 9_960, 9_900, 9_940), sink: recorder)
    // notional 9900.00, -0.5 bp rebate = -0.495 -> -0.50 (half-even on -49.5 cents)
    #expect(recorder.events.last == .filled(1, price: 9_900, quantity: 100, fee: -50, .maker))
  }

  @Test("a resting limit buy gapped through fills at the open, not at the worse limit")
  func limitGap() {
    let venue = F.venue(.close)
    let recorder = VenueRecorder()
    venue.match(F.bar(1, 10_000, 10_050, 9_950, 10_020), sink: recorder)
    venue.place(F.order(1, .buy, 1, .limit(F.price(9_900))), at: 1, sink: recorder)
    venue.match(F.bar(2, 9_800, 9_850, 9_790, 9_840), sink: recorder)
    #expect(recorder.fills.map(\.1) == [9_800])
  }

  @Test("a marketable limit fills at once at the reference in close timing, taker")
  func marketableLimit() {
    let venue = F.venue(.close)
    let recorder = VenueRecorder()
    venue.match(F.bar(1, 10_000, 10_050, 9_950, 10_020), sink: recorder)
    venue.place(F.order(1, .buy, 1, .limit(F.price(10_100))), at: 1, sink: recorder)
    #expect(recorder.events.last == .filled(1, price: 10_020, quantity: 1, fee: 0, .taker))
  }

  @Test("a sell stop triggers when the low reaches it (fills at the stop) or gaps (at the open)")
  func stops() {
    let venue = F.venue(.close, slippage: 1)
    let recorder = VenueRecorder()
    venue.match(F.bar(1, 10_000, 10_050, 9_950, 10_020), sink: recorder)
    venue.place(F.order(1, .sell, 1, .stop(trigger: F.price(9_900))), at: 1, sink: recorder)
    venue.place(F.order(2, .sell, 1, .stop(trigger: F.price(9_700))), at: 1, sink: recorder)
    venue.match(F.bar(2, 10_000, 10_000, 9_890, 9_950), sink: recorder)
    #expect(recorder.fills.map(\.1) == [9_899])
    venue.match(F.bar(3, 9_600, 9_650, 9_550, 9_600), sink: recorder)
    #expect(recorder.fills.map(\.1) == [9_899, 9_599])
  }

  @Test("a buy stop-limit triggers, then fills at the trigger when the limit allows")
  func stopLimit() {
    let venue = F.venue(.close)
    let recorder = VenueRecorder()
    venue.match(F.bar(1, 10_000, 10_050, 9_950, 10_020), sink: recorder)
    venue.place(
      F.order(1, .buy, 1, .stopLimit(trigger: F.price(10_100), limit: F.price(10_120))), at: 1,
      sink: recorder)
    venue.place(
      F.order(2, .buy, 1, .stopLimit(trigger: F.price(10_100), limit: F.price(10_050))), at: 1,
      sink: recorder)
    venue.match(F.bar(2, 10_020, 10_150, 10_000, 10_140), sink: recorder)
    #expect(recorder.fills.map(\.0) == [1])
    #expect(recorder.fills.map(\.1) == [10_100])
    #expect(recorder.events.contains(.triggered(2)))
    venue.match(F.bar(3, 10_140, 10_150, 10_040, 10_060), sink: recorder)
    #expect(recorder.fills.map(\.1) == [10_100, 10_050])
  }

  @Test(
    "an IOC limit that cannot fill at once is cancelled; a DAY order expires at the next UTC day")
  func timeInForce() {
    let venue = F.venue(.close)
    let recorder = VenueRecorder()
    venue.match(F.bar(1, 10_000, 10_050, 9_950, 10_020), sink: recorder)
    venue.place(F.order(1, .buy, 1, .limit(F.price(9_000)), tif: .ioc), at: 1, sink: recorder)
    #expect(recorder.events.last == .canceled(1, "IOC/FOK order could not fill at once"))
    venue.place(
      F.order(2, .buy, 1, .limit(F.price(9_000)), tif: .day, at: 1), at: 1, sink: recorder)
    venue.match(F.bar(F.day - 1, 10_000, 10_050, 9_950, 10_020), sink: recorder)
    #expect(venue.restingCount == 1)
    venue.match(F.bar(F.day + 1, 8_000, 8_050, 7_950, 8_020), sink: recorder)
    #expect(recorder.events.last == .expired(2))
    #expect(recorder.fills.isEmpty)
  }

  @Test("reduce-only fills only what reduces the position; with nothing to reduce it is cancelled")
  func reduceOnly() {
    let venue = F.venue(.close)
    let recorder = VenueRecorder()
    venue.match(F.bar(1, 10_000, 10_050, 9_950, 10_020), sink: recorder)
    recorder.position = 3
    venue.place(F.order(1, .sell, 5, .market, reduceOnly: true), at: 1, sink: recorder)
    #expect(recorder.events[1] == .filled(1, price: 10_020, quantity: 3, fee: 0, .taker))
    #expect(recorder.events[2] == .canceled(1, "reduce-only remainder cancelled"))
    recorder.position = 0
    venue.place(F.order(2, .sell, 1, .market, reduceOnly: true), at: 1, sink: recorder)
    #expect(recorder.events.last == .canceled(2, "reduce-only order has no position to reduce"))
  }

  @Test("cancel removes a resting order once; cancelAll empties the table in order")
  func cancels() {
    let venue = F.venue(.close)
    let recorder = VenueRecorder()
    venue.match(F.bar(1, 10_000, 10_050, 9_950, 10_020), sink: recorder)
    venue.place(F.order(1, .buy, 1, .limit(F.price(9_000))), at: 1, sink: recorder)
    venue.place(F.order(2, .buy, 1, .limit(F.price(9_100))), at: 1, sink: recorder)
    venue.place(F.order(3, .buy, 1, .limit(F.price(9_200))), at: 1, sink: recorder)
    #expect(venue.cancel(2, at: 2, sink: recorder))
    #expect(!venue.cancel(2, at: 2, sink: recorder))
    venue.cancelAll(at: 3, sink: recorder)
    let cancelled = recorder.events.compactMap { event -> ClientOrderID? in
      if case .canceled(let id, _) = event { return id }
      return nil
    }
    #expect(cancelled == [2, 1, 3])
    #expect(venue.restingCount == 0)
  }
}
