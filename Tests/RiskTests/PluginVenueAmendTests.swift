import CTradeHostPlugin
import HostTestKit
import PluginHost
import Risk
import Testing
import TradingModel

@testable import Kernel

/// Amends through an exchange plugin (`amend_order`, `TH_EXCHANGE_AMEND`) under the risk
/// wrapper: confirmed amends change the order the host holds; a venue's refusal, an error from
/// the call, or a confirmation of other numbers than asked leave it unchanged, the last two
/// also as one venue fault. The venue is the C fixture `fixture_venue.c`.
@Suite("Plugin venue amends")
struct PluginVenueAmendTests {
  typealias F = RiskFixture
  static let t0 = F.monday

  /// A fixture with a resting buy of 1 at 90.00 at `fixture-venue` with `fault`; its order id.
  static func resting(_ fault: String, log: PluginVenueFaultTests.LogLines) throws -> (F, UInt64) {
    let fixture = try PluginVenueFaultTests.fixture(fault, log: log)
    fixture.feed(at: Self.t0, close: 10_000)
    let resting = fixture.limit(TH_SIDE_BUY, 1, at: 90.00)
    #expect(resting.accepted)
    return (fixture, resting.orderID)
  }

  /// Amends as the slot's strategy; the order events it would receive, with their reasons.
  static func amend(_ fixture: F, _ id: UInt64, quantity: Double, limit: Double)
    -> [(event: th_order_event, reason: String?)]
  {
    let status = fixture.kernel.amend(
      id, quantity: quantity, limitPrice: limit, stopPrice: .nan,
      from: fixture.kernel.slots[0].strategy.context)
    #expect(status == th_status(TH_OK))
    var events: [(th_order_event, String?)] = []
    while let pending = fixture.kernel.pending.pop() {
      events.append((pending.event, pending.text ?? pending.event.reason.map { String(cString: $0) }))
    }
    return events
  }

  static func venue(_ fixture: F) -> PluginVenue? { fixture.kernel.venues[0] as? PluginVenue }

  @Test("a confirmed amend changes the order the host holds, and the venue fills the new one")
  func confirmed() throws {
    let log = PluginVenueFaultTests.LogLines()
    let (fixture, id) = try Self.resting("good", log: log)
    let events = Self.amend(fixture, id, quantity: 3, limit: 95)
    #expect(events.map(\.event.type) == [th_order_event_type(TH_EVENT_AMENDED)])
    #expect(events.first?.event.leaves_quantity == 3)
    let order = try #require(Self.venue(fixture)?.openOrder(id))
    #expect(order.quantity.raw == 3)
    #expect(order.type == .limit(Price(raw: 9_500, precision: 2)))
    fixture.feed(at: Self.t0 + minute, close: 9_400)
    #expect(fixture.position() == 3)
    #expect(fixture.kernel.counters.amends == 1)
    #expect(fixture.kernel.counters.venueFaults == 0)
  }

  struct Case: Sendable, CustomStringConvertible {
    let fault: String
    /// What the AMEND_REJECTED event's reason says.
    let reason: String
    /// Venue faults logged.
    let faults: Int
    var description: String { fault }
  }

  static let cases: [Case] = [
    Case(fault: "amend_reject", reason: "amends are closed today", faults: 0),
    Case(
      fault: "amend_error",
      reason: "venue 'fixture-venue' refused the amend: the venue's connection is down", faults: 1),
    Case(fault: "amend_mismatch", reason: "the venue confirmed other numbers than asked", faults: 1),
  ]

  @Test("a refused amend leaves the order as it was; a broken answer is also a venue fault", arguments: cases)
  func refused(_ rule: Case) throws {
    let log = PluginVenueFaultTests.LogLines()
    let (fixture, id) = try Self.resting(rule.fault, log: log)
    let events = Self.amend(fixture, id, quantity: 3, limit: 95)
    #expect(events.map(\.event.type) == [th_order_event_type(TH_EVENT_AMEND_REJECTED)])
    #expect(events.first?.reason == rule.reason)
    #expect(fixture.kernel.counters.venueFaults == rule.faults)
    let faults = log.all.filter { $0.contains("venue 'fixture-venue'") }
    #expect(faults.count == rule.faults, "\(log.all)")
    if rule.fault == "amend_mismatch" {
      #expect(faults.first?.contains("the amend confirmation leaves 4") == true, "\(faults)")
    }
    // The host still holds the order as it was, and the venue's fill follows its old limit.
    let order = try #require(Self.venue(fixture)?.openOrder(id))
    #expect(order.quantity.raw == 1)
    #expect(order.type == .limit(Price(raw: 9_000, precision: 2)))
    fixture.feed(at: Self.t0 + minute, close: 9_400)
    #expect(fixture.position() == 0)
  }
}
