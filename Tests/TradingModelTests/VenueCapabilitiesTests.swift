import Testing
import TradingModel

@Suite("Venue capabilities")
struct VenueCapabilitiesTests {
  private let spy = Fixtures.spy

  private func limitOrder() -> Order {
    Order(
      clientOrderID: 9, slot: 0, instrument: spy.id, side: .sell, quantity: spy.qty("1"),
      type: .limit(spy.px("101.00")), timeInForce: .gtc, reduceOnly: false, createdAt: 5)
  }

  @Test("a post-only or linked order is refused by a venue that did not declare it, and taken by one that did")
  func postOnlyAndLinks() {
    let plain = VenueCapabilities(orderTypes: .all, timesInForce: .all, features: [])
    let full = VenueCapabilities(
      orderTypes: .all, timesInForce: .all, features: [.postOnly, .oco])
    var postOnly = limitOrder()
    postOnly.postOnly = true
    var child = limitOrder()
    child.parentOrderID = 3
    var partner = limitOrder()
    partner.ocoOrderID = 4
    #expect(plain.refusal(of: limitOrder()) == nil)
    #expect(plain.refusal(of: postOnly) == .postOnly)
    #expect(plain.refusal(of: child) == .linkedOrder)
    #expect(plain.refusal(of: partner) == .linkedOrder)
    #expect(!limitOrder().isLinked && child.isLinked && partner.isLinked)
    for order in [postOnly, child, partner] { #expect(full.refusal(of: order) == nil) }
  }
}
