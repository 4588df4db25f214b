import CTradeHostPlugin
import HostTestKit
import MarketCalendars
import Risk
import Testing
import TradingModel

@testable import Kernel

/// Guards on the market itself: the price collar, a fresh reference price, stale data, trading
/// hours, event blackouts and volatility spikes.
@Suite("Market guards")
struct MarketGuardTests {
  typealias F = RiskFixture
  static let t0 = RiskFixture.monday
  static let calendars = RepositoryPaths.fixtures + "/calendars"

  @Test(
    "collar as a fraction: exactly 5% from the last price passes, one tick further is denied (140)")
  func collarFraction() throws {
    let fixture = try F(.only { $0.instrumentDefaults.collarFraction = 0.05 })
    fixture.feed(at: Self.t0, close: 10_000)
    #expect(fixture.limit(TH_SIDE_SELL, 1, at: 105.00).accepted)
    expectDenied(fixture.limit(TH_SIDE_SELL, 1, at: 105.01), .outsideCollar)
    #expect(fixture.limit(TH_SIDE_BUY, 1, at: 95.00).accepted)
    expectDenied(fixture.limit(TH_SIDE_BUY, 1, at: 94.99), .outsideCollar)
    // A stop's trigger is collared too; market orders have no price of their own.
    expectDenied(
      fixture.submit(F.intent(TH_SIDE_SELL, 1, type: TH_ORDER_STOP, stop: 94.99)), .outsideCollar)
    #expect(fixture.submit(F.intent(TH_SIDE_SELL, 1, type: TH_ORDER_STOP, stop: 95.00)).accepted)
    expectFilled(fixture.buy(1), 1)
    // The collar follows the last price.
    fixture.feed(at: Self.t0 + second, close: 11_000)
    #expect(fixture.limit(TH_SIDE_SELL, 1, at: 115.50).accepted)
  }

  @Test("collar on a stop-limit: the stop price is collared as well as the limit (140)")
  func collarStopLimit() throws {
    let fixture = try F(.only { $0.instrumentDefaults.collarFraction = 0.05 })
    fixture.feed(at: Self.t0, close: 10_000)
    let inside = F.intent(TH_SIDE_SELL, 1, type: TH_ORDER_STOP_LIMIT, limit: 95.00, stop: 95.50)
    #expect(fixture.submit(inside).accepted)
    // A limit far off is refused.
    expectDenied(
      fixture.submit(
        F.intent(TH_SIDE_SELL, 1, type: TH_ORDER_STOP_LIMIT, limit: 94.00, stop: 95.50)),
      .outsideCollar)
    // So is a stop far off (a fat-fingered trigger), though its limit is near.
    expectDenied(
      fixture.submit(
        F.intent(TH_SIDE_SELL, 1, type: TH_ORDER_STOP_LIMIT, limit: 95.00, stop: 50.00)),
      .outsideCollar)
  }

  @Test("collar in ticks: 5 ticks pass, 6 are denied (140)")
  func collarTicks() throws {
    let fixture = try F(.only { $0.instrumentDefaults.collarTicks = 5 })
    fixture.feed(at: Self.t0, close: 10_000)
    #expect(fixture.limit(TH_SIDE_SELL, 1, at: 100.05).accepted)
    expectDenied(fixture.limit(TH_SIDE_SELL, 1, at: 100.06), .outsideCollar)
    #expect(fixture.limit(TH_SIDE_BUY, 1, at: 99.95).accepted)
    expectDenied(fixture.limit(TH_SIDE_BUY, 1, at: 99.94), .outsideCollar)
  }

  @Test("no fresh price: a price older than the bound, or none, is denied (141)")
  func noFreshPrice() throws {
    let fixture = try F(.only { $0.instrumentDefaults.maxPriceAgeNanos = 60 * second })
    // Before any price a market order is the kernel's (25); a limit order is the wrapper's.
    expectDenied(fixture.buy(1), .noMarketPrice)
    expectDenied(fixture.limit(TH_SIDE_BUY, 1, at: 100.00), .noFreshPrice)
    fixture.feed(at: Self.t0, close: 10_000)
    fixture.clock.advance(to: Self.t0 + 60 * second)
    expectFilled(fixture.buy(1), 1)
    fixture.clock.advance(to: Self.t0 + 60 * second + 1)
    expectDenied(fixture.buy(1), .noFreshPrice)
    // Even a reducing order needs a fresh price.
    expectDenied(fixture.sell(1), .noFreshPrice)
    fixture.feed(at: Self.t0 + 61 * second, close: 10_000)
    expectFilled(fixture.sell(1), 1)
  }

  @Test(
    "stale data: an instrument silent past the bound goes reducing (153) and recovers after fresh events"
  )
  func staleData() throws {
    let fixture = try F(
      .only {
        $0.instrumentDefaults.staleAfterNanos = 60 * second
        $0.instrumentDefaults.freshEventsToRecover = 3
      }, instruments: [F.spy, F.qqq])
    fixture.feed(0, at: Self.t0, close: 10_000)
    fixture.feed(1, at: Self.t0, close: 5_000)
    expectFilled(fixture.buy(5, instrument: 0), 5)
    // QQQ keeps trading; SPY falls silent. 60 s is still fresh, 60 s + 1 ns is stale.
    fixture.feed(1, at: Self.t0 + 60 * second, close: 5_000)
    #expect(fixture.audited("breaker").isEmpty)
    fixture.feed(1, at: Self.t0 + 60 * second + 1, close: 5_000)
    let stale = fixture.audited("breaker")
    #expect(stale.count == 1)
    #expect(stale.first?.scope == "instrument SPY.ARCA")
    #expect(stale.first?.from == "fresh" && stale.first?.to == "stale")
    #expect(stale.first?.source == .breaker)
    expectDenied(fixture.buy(1, instrument: 0), .staleData)
    expectFilled(fixture.buy(1, instrument: 1), 1)
    // Reducing passes, shrunk to the position.
    expectFilled(fixture.sell(2, instrument: 0), 2)
    expectFilled(fixture.sell(9, instrument: 0), 3)
    expectDenied(fixture.sell(1, instrument: 0), .staleData)
    // Data is back: two events are not enough, the third in time closes the breaker.
    fixture.feed(0, at: Self.t0 + 70 * second, close: 10_000)
    expectDenied(fixture.buy(1, instrument: 0), .staleData)
    fixture.feed(0, at: Self.t0 + 80 * second, close: 10_000)
    expectDenied(fixture.buy(1, instrument: 0), .staleData)
    fixture.feed(0, at: Self.t0 + 90 * second, close: 10_000)
    expectFilled(fixture.buy(1, instrument: 0), 1)
    #expect(fixture.audited("breaker").last?.to == "fresh")
  }

  @Test(
    "stale data: a gap between recovering events starts the count again; the timer alone trips it")
  func staleRecoveryGap() throws {
    let fixture = try F(
      .only {
        $0.instrumentDefaults.staleAfterNanos = 10 * second
        $0.instrumentDefaults.freshEventsToRecover = 2
      })
    fixture.feed(at: Self.t0, close: 10_000)
    // No event: the driver's timer notices the silence.
    fixture.clock.advance(to: Self.t0 + 11 * second)
    fixture.kernel.idle()
    expectDenied(fixture.buy(1), .staleData)
    fixture.feed(at: Self.t0 + 20 * second, close: 10_000)
    // 11 s after the previous event: too late to count as a second fresh one.
    fixture.feed(at: Self.t0 + 31 * second, close: 10_000)
    expectDenied(fixture.buy(1), .staleData)
    fixture.feed(at: Self.t0 + 41 * second, close: 10_000)
    expectFilled(fixture.buy(1), 1)
  }

  @Test("market closed: outside the calendar's session every order is denied (160)")
  func marketClosed() throws {
    let calendar = try TradingCalendar.load(path: Self.calendars + "/xnys-2013.yaml")
    let open = Self.t0 - 30 * minute  // 09:30 New York
    let fixture = try F(
      .only { $0.tradingCalendar = calendar }, instruments: [F.spy, F.qqq], start: open - minute)
    let close = Self.t0 + 6 * 3_600 * second  // 16:00 New York
    fixture.feed(0, at: open - 1, close: 10_000)
    fixture.feed(1, at: open - 1, close: 5_000)
    expectDenied(fixture.buy(1), .marketClosed)
    // QQQ.ARCA has no calendar: always open.
    expectFilled(fixture.buy(1, instrument: 1), 1)
    fixture.feed(0, at: open, close: 10_000)
    expectFilled(fixture.buy(3), 3)
    fixture.feed(0, at: close - 1, close: 10_000)
    expectFilled(fixture.sell(1), 1)
    fixture.feed(0, at: close, close: 10_000)
    // Closed means closed: a reducing order waits for the open too.
    expectDenied(fixture.sell(1), .marketClosed)
    // Saturday 12 October, and Thanksgiving (28 November) at 10:00 New York.
    fixture.feed(0, at: Self.t0 + 5 * day, close: 10_000)
    expectDenied(fixture.sell(1), .marketClosed)
    fixture.feed(0, at: 1_385_650_800 * second, close: 10_000)
    expectDenied(fixture.sell(1), .marketClosed)
    #expect(fixture.position() == 2)
  }

  @Test("blackout: no entries from 15 minutes before to 30 minutes after the listed event (161)")
  func blackout() throws {
    let events = try EventCalendar.load(
      path: Self.calendars + "/events-2013.csv", defaultBefore: 5 * minute)
    let fixture = try F(.only { $0.eventCalendar = events }, instruments: [F.spy, F.qqq])
    // FOMC minutes, 2013-10-09 18:00 UTC, listed for SPY.ARCA (and 6E.CME), 15m before, 30m after.
    let start = 1_381_340_700 * second
    let end = 1_381_343_400 * second
    fixture.feed(0, at: start - 1, close: 10_000)
    fixture.feed(1, at: start - 1, close: 5_000)
    expectFilled(fixture.buy(5), 5)
    fixture.feed(0, at: start, close: 10_000)
    expectDenied(fixture.buy(1), .blackout)
    expectFilled(fixture.sell(2), 2)
    expectFilled(fixture.sell(7), 3)
    expectDenied(fixture.sell(1), .blackout)
    // QQQ.ARCA is not listed for this event.
    expectFilled(fixture.buy(1, instrument: 1), 1)
    fixture.feed(0, at: end - 1, close: 10_000)
    expectDenied(fixture.buy(1), .blackout)
    fixture.feed(0, at: end, close: 10_000)
    expectFilled(fixture.buy(1), 1)
  }

  @Test(
    "volatility spike: ATR over price above the bound blocks entries (162); at the bound passes")
  func volatilitySpike() throws {
    let fixture = try F(
      .only {
        $0.instrumentDefaults.maxVolatility = 0.025
        $0.instrumentDefaults.atrPeriod = 1
      })
    fixture.feed(at: Self.t0, close: 10_000)
    // ATR(1) is the last true range: 2.50 on 100.00 is exactly 2.5%.
    fixture.feed(at: Self.t0 + second, close: 10_000, high: 10_250, low: 10_000)
    expectFilled(fixture.buy(5), 5)
    fixture.feed(at: Self.t0 + 2 * second, close: 10_000, high: 10_251, low: 10_000)
    expectDenied(fixture.buy(1), .volatilitySpike)
    expectFilled(fixture.sell(8), 5)
    expectDenied(fixture.sell(1), .volatilitySpike)
    fixture.feed(at: Self.t0 + 3 * second, close: 10_000, high: 10_100, low: 9_900)
    expectFilled(fixture.sell(1), 1)
  }
}
