import Execution
import HostTestKit
import Testing
import TradingModel

@Suite("Matching engine: amends")
struct AmendTests {
  typealias F = VenueFixture

  static func amendment(_ quantity: Int64, _ type: OrderType) -> OrderAmendment {
    OrderAmendment(quantity: Quantity(raw: quantity, precision: 0), type: type)
  }

  /// A venue at 100.00 with three resting buys at 99.00 (ids 1, 2, 3, two shares each).
  static func restingBuys(_ venue: SimulatedVenue, _ recorder: VenueRecorder) {
    venue.match(F.bar(1, 10_000, 10_000, 10_000, 10_000), sink: recorder)
    for id in 1...3 {
      venue.place(F.order(ClientOrderID(id), .buy, 2, .limit(F.price(9_900))), at: 1, sink: recorder)
    }
  }

  @Test("a smaller quantity at the same price keeps the queue place; a larger one joins the back")
  func queuePriority() {
    let venue = F.venue(.close)
    let recorder = VenueRecorder()
    Self.restingBuys(venue, recorder)
    #expect(venue.amend(1, to: Self.amendment(1, .limit(F.price(9_900))), at: 2, sink: recorder))
    #expect(recorder.events.last == .amended(1, quantity: 1, price: 9_900))
    #expect(venue.book(0, side: .buy).map(\.clientOrderID) == [1, 2, 3])
    #expect(venue.book(0, side: .buy).first?.quantity.raw == 1)
    #expect(venue.amend(2, to: Self.amendment(5, .limit(F.price(9_900))), at: 3, sink: recorder))
    #expect(venue.book(0, side: .buy).map(\.clientOrderID) == [1, 3, 2])
    // A better price goes first in the book, as a new order there would.
    #expect(venue.amend(3, to: Self.amendment(2, .limit(F.price(9_950))), at: 4, sink: recorder))
    #expect(venue.book(0, side: .buy).map(\.clientOrderID) == [3, 1, 2])
    #expect(recorder.fills.isEmpty)
  }

  @Test("an amend whose new limit crosses the market takes liquidity at once, after the confirmation")
  func crossingAmendFills() {
    let venue = F.venue(.close)
    let recorder = VenueRecorder()
    Self.restingBuys(venue, recorder)
    #expect(venue.amend(2, to: Self.amendment(2, .limit(F.price(10_010))), at: 2, sink: recorder))
    #expect(
      Array(recorder.events.suffix(2)) == [
        .amended(2, quantity: 2, price: 10_010), .filled(2, price: 10_000, quantity: 2, fee: 0, .taker),
      ])
    #expect(venue.book(0, side: .buy).map(\.clientOrderID) == [1, 3])
    #expect(venue.fills(.cross) == 1)
  }

  @Test("refused amends leave the order as it was: post-only crossing, nothing above the fill, another type")
  func refusals() {
    let venue = F.venue(.close)
    let recorder = VenueRecorder()
    venue.match(F.bar(1, 10_000, 10_000, 10_000, 10_000), sink: recorder)
    venue.place(F.order(1, .buy, 2, .limit(F.price(9_900)), postOnly: true), at: 1, sink: recorder)
    #expect(venue.amend(1, to: Self.amendment(2, .limit(F.price(10_000))), at: 2, sink: recorder))
    #expect(recorder.events.last == .amendRejected(1, "post-only amend would take liquidity"))
    #expect(venue.amend(1, to: Self.amendment(2, .stop(trigger: F.price(9_000))), at: 2, sink: recorder))
    #expect(
      recorder.events.last
        == .amendRejected(1, "an amend must keep the order's type and ask for more than has filled"))
    #expect(venue.book(0, side: .buy).map(\.type) == [.limit(F.price(9_900))])
    // Half filled (the 10 % participation cap lets 10 of 20 fill): an amend to 10 asks for no
    // more than has filled; 11 leaves 1 working.
    var configuration = ExecutionConfiguration()
    configuration.participation = BasisPoints(hundredths: 100_000)
    let capped = F.venue(configuration)
    let other = VenueRecorder()
    capped.match(F.bar(1, 10_000, 10_000, 10_000, 10_000), sink: other)
    capped.place(F.order(7, .buy, 20, .limit(F.price(9_900))), at: 1, sink: other)
    capped.match(F.bar(2, 9_800, 9_800, 9_800, 9_800, volume: 100), sink: other)
    #expect(F.quantities(other) == [10])
    #expect(capped.amend(7, to: Self.amendment(10, .limit(F.price(9_900))), at: 3, sink: other))
    #expect(
      other.events.last
        == .amendRejected(7, "an amend must keep the order's type and ask for more than has filled"))
    #expect(capped.amend(7, to: Self.amendment(11, .limit(F.price(9_900))), at: 3, sink: other))
    #expect(other.events.last == .amended(7, quantity: 11, price: 9_900))
    #expect(capped.openOrder(7)?.leavesQuantity.raw == 1)
    #expect(!capped.amend(99, to: Self.amendment(1, .market), at: 3, sink: other))
  }

  @Test("with entry latency a moved order leaves the book and arrives again after the delay")
  func latencyMovesTheOrder() {
    var configuration = ExecutionConfiguration(marketFill: .nextOpen)
    configuration.latency = LatencyModel(entry: 10, jitter: 0, marketData: 0)
    let venue = F.venue(configuration)
    let recorder = VenueRecorder()
    venue.match(F.bar(1, 10_000, 10_000, 10_000, 10_000), sink: recorder)
    venue.place(F.order(1, .buy, 1, .limit(F.price(9_900))), at: 1, sink: recorder)
    venue.match(F.bar(20, 10_000, 10_000, 10_000, 10_000), sink: recorder)
    #expect(venue.book(0, side: .buy).map(\.clientOrderID) == [1])
    #expect(venue.amend(1, to: Self.amendment(1, .limit(F.price(9_800))), at: 21, sink: recorder))
    #expect(venue.book(0, side: .buy).isEmpty)
    #expect(venue.restingOrders.map(\.clientOrderID) == [1])
    venue.match(F.bar(40, 10_000, 10_000, 10_000, 10_000), sink: recorder)
    #expect(venue.book(0, side: .buy).map(\.type) == [.limit(F.price(9_800))])
  }
}
