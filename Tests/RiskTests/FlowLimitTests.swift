import CTradeHostPlugin
import MarketCalendars
import Risk
import Testing
import TradingModel

@testable import Kernel

/// Limits on how often and how much a slot (or the account) trades: order throttles per second,
/// orders and notional per trading day, and the cooldown after a fill.
@Suite("Throttles, daily counts and cooldown")
struct FlowLimitTests {
  typealias F = RiskFixture
  static let t0 = RiskFixture.monday

  @Test("slot throttle: N orders in a second pass, the next is denied (130) until the second ends")
  func slotThrottle() throws {
    let fixture = try F(.only { $0.slotDefaults.maxOrdersPerSecond = 3 })
    fixture.feed(at: Self.t0, close: 10_000)
    expectFilled(fixture.buy(1), 1)
    expectFilled(fixture.buy(2), 2)
    expectFilled(fixture.sell(1), 1)
    expectDenied(fixture.sell(2), .slotThrottled)
    expectDenied(fixture.buy(3), .slotThrottled)
    // Denied orders do not use the budget; one ns before the second ends it is still spent.
    fixture.feed(at: Self.t0 + second - 1, close: 10_000)
    expectDenied(fixture.buy(1), .slotThrottled)
    fixture.feed(at: Self.t0 + second, close: 10_000)
    expectFilled(fixture.buy(4), 4)
  }

  @Test("venue throttle: every slot's orders at a venue together (131); other venues apart")
  func venueThrottle() throws {
    let fixture = try F(
      .only { $0.venueMaxOrdersPerSecond = 3 }, instruments: [F.spy, F.qqq, F.iwm],
      slots: [F.slot("a"), F.slot("b")])
    for instrument in 0..<3 {
      fixture.feed(InstrumentID(instrument), at: Self.t0, close: 10_000)
    }
    expectFilled(fixture.buy(1, slot: 0, instrument: 0), 1)
    expectFilled(fixture.buy(2, slot: 0, instrument: 1), 2)
    expectFilled(fixture.buy(3, slot: 1, instrument: 0), 3)
    expectDenied(fixture.buy(4, slot: 1, instrument: 1), .venueThrottled)
    expectDenied(fixture.buy(5, slot: 0, instrument: 0), .venueThrottled)
    expectFilled(fixture.buy(6, slot: 1, instrument: 2), 6)
    fixture.feed(2, at: Self.t0 + second, close: 10_000)
    expectFilled(fixture.buy(7, slot: 1, instrument: 1), 7)
  }

  @Test("orders per day (slot): past the cap only reducing orders pass (132); the next day resets")
  func slotOrdersPerDay() throws {
    let fixture = try F(.only { $0.slotDefaults.maxOrdersPerDay = 3 })
    fixture.feed(at: Self.t0, close: 10_000)
    expectFilled(fixture.buy(1), 1)
    expectFilled(fixture.buy(2), 2)
    expectFilled(fixture.buy(3), 3)
    expectDenied(fixture.buy(1), .maxOrdersPerDay)
    expectFilled(fixture.sell(2), 2)
    // Through the position: shrunk to it.
    expectFilled(fixture.sell(10), 4)
    expectDenied(fixture.sell(1), .maxOrdersPerDay)
    // 23:59:59.999999999 UTC is still Monday; midnight UTC starts Tuesday's count.
    let midnight = Self.t0 + 10 * 3_600 * second
    fixture.feed(at: midnight - 1, close: 10_000)
    expectDenied(fixture.buy(1), .maxOrdersPerDay)
    fixture.feed(at: midnight, close: 10_000)
    expectFilled(fixture.buy(1), 1)
    expectFilled(fixture.buy(2), 2)
    expectFilled(fixture.buy(3), 3)
    expectDenied(fixture.buy(4), .maxOrdersPerDay)
  }

  @Test("the trading day starts at the configured reset (17:00 New York = 21:00 UTC in October)")
  func dailyResetTime() throws {
    let fixture = try F(
      .only {
        $0.slotDefaults.maxOrdersPerDay = 1
        $0.dailyReset = try! DailySchedule(resetAt: "17:00", zone: "America/New_York")
      })
    fixture.feed(at: Self.t0, close: 10_000)
    expectFilled(fixture.buy(1), 1)
    expectDenied(fixture.buy(1), .maxOrdersPerDay)
    let reset = Self.t0 + 7 * 3_600 * second
    fixture.feed(at: reset - 1, close: 10_000)
    expectDenied(fixture.buy(1), .maxOrdersPerDay)
    fixture.feed(at: reset, close: 10_000)
    expectFilled(fixture.buy(1), 1)
    // UTC midnight is not a reset here.
    fixture.feed(at: Self.t0 + 10 * 3_600 * second, close: 10_000)
    expectDenied(fixture.buy(1), .maxOrdersPerDay)
  }

  @Test("orders per day (account): every slot together (136); reducing orders still pass")
  func accountOrdersPerDay() throws {
    let fixture = try F(
      .only { $0.account.maxOrdersPerDay = 3 }, slots: [F.slot("a"), F.slot("b")])
    fixture.feed(at: Self.t0, close: 10_000)
    expectFilled(fixture.buy(1, slot: 0), 1)
    expectFilled(fixture.buy(2, slot: 1), 2)
    expectFilled(fixture.sell(3, slot: 1), 3)
    expectDenied(fixture.buy(1, slot: 0), .accountOrdersPerDay)
    expectDenied(fixture.sell(2, slot: 1), .accountOrdersPerDay)
    // Slot b is short 1: a buy of 5 is cut to the 1 that closes it.
    expectFilled(fixture.buy(5, slot: 1), 1)
    expectFilled(fixture.sell(1, slot: 0), 1)
    fixture.feed(at: Self.t0 + day, close: 10_000)
    expectFilled(fixture.buy(1, slot: 0), 1)
  }

  @Test("cooldown: no new entry until the cooldown after the last fill has passed (133)")
  func cooldown() throws {
    let fixture = try F(.only { $0.slotDefaults.cooldownNanos = 300 * second })
    fixture.feed(at: Self.t0, close: 10_000)
    expectFilled(fixture.buy(5), 5)
    fixture.feed(at: Self.t0 + 299 * second, close: 10_000)
    expectDenied(fixture.buy(1), .cooldown)
    // Reducing passes, and its fill restarts the cooldown.
    expectFilled(fixture.sell(2), 2)
    let restart = Self.t0 + 299 * second
    fixture.feed(at: restart + 300 * second - 1, close: 10_000)
    expectDenied(fixture.buy(1), .cooldown)
    expectFilled(fixture.sell(8), 3)
    fixture.feed(at: restart + 300 * second - 1 + 300 * second, close: 10_000)
    expectFilled(fixture.sell(1), 1)
    // Other slots have their own clock.
    let two = try F(
      .only { $0.slotDefaults.cooldownNanos = 300 * second }, slots: [F.slot("a"), F.slot("b")])
    two.feed(at: Self.t0, close: 10_000)
    expectFilled(two.buy(1, slot: 0), 1)
    expectFilled(two.buy(1, slot: 1), 1)
    expectDenied(two.buy(1, slot: 0), .cooldown)
  }

  @Test("daily notional (slot): every approved order counts, over the cap is denied (134)")
  func slotDailyNotional() throws {
    let fixture = try F(
      .only { $0.slotDefaults.maxDailyNotional = Money(raw: 1_000_00, currency: .usd) })
    fixture.feed(at: Self.t0, close: 10_000)
    expectFilled(fixture.buy(4), 4)
    expectFilled(fixture.sell(6), 6)
    // 1,000.00 used: even a reducing order is a new credit use.
    expectDenied(fixture.buy(1), .slotDailyNotional)
    fixture.feed(at: Self.t0 + day, close: 10_000)
    expectDenied(fixture.buy(11), .slotDailyNotional)
    expectFilled(fixture.buy(10), 10)
  }

  @Test("daily notional (account): every slot together (135)")
  func accountDailyNotional() throws {
    let fixture = try F(
      .only { $0.account.maxDailyNotional = Money(raw: 1_000_00, currency: .usd) },
      slots: [F.slot("a"), F.slot("b")])
    fixture.feed(at: Self.t0, close: 10_000)
    expectFilled(fixture.buy(7, slot: 0), 7)
    expectDenied(fixture.buy(4, slot: 1), .accountDailyNotional)
    expectFilled(fixture.buy(3, slot: 1), 3)
    expectDenied(fixture.sell(1, slot: 0), .accountDailyNotional)
  }
}
