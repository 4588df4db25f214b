import Execution
import HostTestKit
import Testing
import TradingModel

@Suite("Matching engine: the book and order types")
struct OrderBookTests {
  typealias F = VenueFixture

  @Test("resting limits keep price-time priority: better price first, then the older order")
  func priceTimePriority() {
    let venue = F.venue(.close)
    let recorder = VenueRecorder()
    venue.match(F.bar(1, 10_000, 10_000, 10_000, 10_000), sink: recorder)
    venue.place(F.order(1, .buy, 1, .limit(F.price(9_900))), at: 1, sink: recorder)
    venue.place(F.order(2, .buy, 1, .limit(F.price(9_950))), at: 1, sink: recorder)
    venue.place(F.order(3, .buy, 1, .limit(F.price(9_900))), at: 1, sink: recorder)
    #expect(venue.book(0, side: .buy).map(\.clientOrderID) == [2, 1, 3])
    venue.place(F.order(4, .sell, 1, .limit(F.price(10_100))), at: 1, sink: recorder)
    venue.place(F.order(5, .sell, 1, .limit(F.price(10_050))), at: 1, sink: recorder)
    #expect(venue.book(0, side: .sell).map(\.clientOrderID) == [5, 4])
  }

  @Test("FOK is all or nothing: with volume for only part of it, nothing fills and it is cancelled")
  func fillOrKill() {
    var configuration = ExecutionConfiguration()
    configuration.participation = BasisPoints(hundredths: 100_000)  // 10 %
    let venue = F.venue(configuration)
    let recorder = VenueRecorder()
    venue.match(F.bar(1, 10_000, 10_000, 10_000, 10_000, volume: 100), sink: recorder)
    venue.place(F.order(1, .buy, 20, .market, tif: .fok), at: 1, sink: recorder)
    #expect(recorder.fills.isEmpty)
    #expect(recorder.events.last == .canceled(1, "FOK order could not fill in full"))
    venue.place(F.order(2, .buy, 10, .market, tif: .fok), at: 1, sink: recorder)
    #expect(F.quantities(recorder) == [10])
  }

  @Test("IOC fills what the volume allows and cancels the rest; a market order never rests")
  func immediateOrCancel() {
    var configuration = ExecutionConfiguration()
    configuration.participation = BasisPoints(hundredths: 100_000)
    let venue = F.venue(configuration)
    let recorder = VenueRecorder()
    venue.match(F.bar(1, 10_000, 10_000, 10_000, 10_000, volume: 100), sink: recorder)
    venue.place(F.order(1, .buy, 25, .market, tif: .ioc), at: 1, sink: recorder)
    #expect(F.quantities(recorder) == [10])
    #expect(
      recorder.events.last
        == .canceled(1, "market order remainder cancelled: the event's volume is used up"))
    #expect(venue.fills(.volumeCap) == 1)
    venue.match(F.bar(2, 10_000, 10_000, 10_000, 10_000, volume: 100), sink: recorder)
    venue.place(F.order(4, .buy, 25, .limit(F.price(10_000)), tif: .ioc), at: 2, sink: recorder)
    #expect(F.quantities(recorder) == [10, 10])
    #expect(recorder.events.last == .canceled(4, "IOC/FOK order could not fill at once"))
    venue.place(F.order(2, .buy, 25, .market), at: 2, sink: recorder)
    #expect(F.quantities(recorder) == [10, 10])  // this event's 10 % is used up
    #expect(
      recorder.events.last
        == .canceled(2, "market order remainder cancelled: the event's volume is used up"))
    // A GTC limit keeps working for what the cap left: 10 now, 15 on the next bar.
    venue.match(F.bar(3, 10_000, 10_000, 10_000, 10_000, volume: 100), sink: recorder)
    venue.place(F.order(3, .buy, 25, .limit(F.price(10_000))), at: 3, sink: recorder)
    venue.match(F.bar(4, 9_990, 9_990, 9_990, 9_990, volume: 150), sink: recorder)
    #expect(F.quantities(recorder) == [10, 10, 10, 15])
    #expect(venue.restingCount == 0)
  }

  @Test("post-only: rejected unless a limit; cancelled when it would take; rests otherwise")
  func postOnly() {
    let venue = F.venue(.close)
    let recorder = VenueRecorder()
    venue.match(F.bar(1, 10_000, 10_000, 10_000, 10_000), sink: recorder)
    #expect(
      venue.place(F.order(1, .buy, 1, .market, postOnly: true), at: 1, sink: recorder)
        == .rejected("post-only needs a limit order"))
    venue.place(F.order(2, .buy, 1, .limit(F.price(10_010)), postOnly: true), at: 1, sink: recorder)
    #expect(recorder.events.last == .canceled(2, "post-only order would take liquidity"))
    venue.place(F.order(3, .buy, 1, .limit(F.price(9_990)), postOnly: true), at: 1, sink: recorder)
    #expect(venue.book(0, side: .buy).map(\.clientOrderID) == [3])
    #expect(recorder.fills.isEmpty)
  }

  @Test("OCO: the first fill of one cancels the other")
  func oneCancelsOther() {
    let venue = F.venue(.close)
    let recorder = VenueRecorder()
    recorder.position = 5
    venue.match(F.bar(1, 10_000, 10_000, 10_000, 10_000), sink: recorder)
    venue.place(F.order(1, .sell, 5, .limit(F.price(10_100))), at: 1, sink: recorder)
    venue.place(
      F.order(2, .sell, 5, .stop(trigger: F.price(9_900)), oco: 1), at: 1, sink: recorder)
    #expect(
      venue.place(F.order(3, .sell, 5, .limit(F.price(10_200)), oco: 99), at: 1, sink: recorder)
        == .rejected("the OCO partner is not an open order of this slot"))
    venue.match(F.bar(2, 10_000, 10_150, 9_990, 10_120), sink: recorder)
    #expect(recorder.fills.map(\.0) == [1])
    #expect(recorder.events.last == .canceled(2, "cancelled: its OCO partner filled or closed"))
    #expect(venue.restingCount == 0)
  }

  @Test("a bracket: the exits wait for the entry, then work as OCO; an unfilled entry cancels them")
  func bracket() {
    let venue = F.venue(.close)
    let recorder = VenueRecorder()
    venue.match(F.bar(1, 10_000, 10_000, 10_000, 10_000), sink: recorder)
    venue.place(F.order(1, .buy, 5, .limit(F.price(9_950))), at: 1, sink: recorder)
    venue.place(F.order(2, .sell, 5, .limit(F.price(10_100)), parent: 1), at: 1, sink: recorder)
    venue.place(
      F.order(3, .sell, 5, .stop(trigger: F.price(9_800)), parent: 1, oco: 2), at: 1,
      sink: recorder)
    // The market reaches the take-profit's price before the entry fills: the exit must not fill.
    venue.match(F.bar(2, 10_000, 10_150, 9_990, 10_100), sink: recorder)
    #expect(recorder.fills.isEmpty)
    venue.match(F.bar(3, 10_000, 10_000, 9_940, 9_960), sink: recorder)
    #expect(recorder.fills.map(\.0) == [1])
    venue.match(F.bar(4, 9_960, 9_970, 9_790, 9_800), sink: recorder)
    #expect(recorder.fills.map(\.0) == [1, 3])
    #expect(recorder.events.last == .canceled(2, "cancelled: its OCO partner filled or closed"))
    // An entry that closes unfilled takes its exits with it.
    venue.place(F.order(4, .buy, 5, .limit(F.price(9_000))), at: 5, sink: recorder)
    venue.place(F.order(5, .sell, 5, .limit(F.price(9_500)), parent: 4), at: 5, sink: recorder)
    #expect(venue.cancel(4, at: 6, sink: recorder))
    #expect(recorder.events.last == .canceled(5, "cancelled: its parent order closed unfilled"))
    #expect(venue.restingCount == 0)
  }

  @Test("a child of an entry that already filled works at once, for at most what the entry filled")
  func childOfFilledParent() {
    let venue = F.venue(.close)
    let recorder = VenueRecorder()
    venue.match(F.bar(1, 10_000, 10_000, 10_000, 10_000), sink: recorder)
    venue.place(F.order(1, .buy, 5, .market), at: 1, sink: recorder)
    venue.place(F.order(2, .sell, 8, .limit(F.price(10_050)), parent: 1), at: 1, sink: recorder)
    venue.match(F.bar(2, 10_000, 10_060, 10_000, 10_050), sink: recorder)
    #expect(F.quantities(recorder) == [5, 5])
    #expect(recorder.events.last == .canceled(2, "cancelled: its parent order filled only in part"))
    #expect(
      venue.place(F.order(3, .sell, 1, .limit(F.price(10_050)), parent: 77), at: 2, sink: recorder)
        == .rejected("the parent order is not known to the venue"))
  }

  @Test("a retried submit gets the first answer and never makes a second order")
  func idempotentClientOrderIDs() {
    let venue = F.venue(.close)
    let recorder = VenueRecorder()
    venue.match(F.bar(1, 10_000, 10_000, 10_000, 10_000), sink: recorder)
    #expect(venue.place(F.order(1, .buy, 1, .limit(F.price(9_000))), at: 1, sink: recorder) == .accepted)
    let before = recorder.events.count
    #expect(venue.place(F.order(1, .buy, 1, .limit(F.price(9_000))), at: 2, sink: recorder) == .accepted)
    #expect(venue.restingCount == 1 && recorder.events.count == before)
    #expect(venue.place(F.order(2, .buy, 1, .market, postOnly: true), at: 2, sink: recorder) != .accepted)
    #expect(venue.place(F.order(2, .buy, 1, .market), at: 3, sink: recorder) == .rejected("post-only needs a limit order"))
    #expect(recorder.fills.isEmpty)
  }
}
