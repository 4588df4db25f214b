import Foundation
import SlotAnalytics
import Testing

/// The report snapshot copies the tracker's figures and survives JSON.
@Suite("Scorecard")
struct ScorecardTests {
  @Test("a scorecard holds the tracker's figures and round-trips through JSON")
  func snapshot() throws {
    var tracker = try AnalyticsFixture.daily(AnalyticsFixture.path([0.02, -0.01, 0.005]))
    tracker.recordTrade(pnl: 4)
    tracker.recordTrade(pnl: -1)
    tracker.recordError()
    let card = Scorecard(tracker)
    #expect(card.pnl == tracker.pnl)
    #expect(card.returnFraction == tracker.returnFraction)
    #expect(card.sharpe == tracker.sharpe)
    #expect(card.sharpe != nil)
    #expect(card.maxDrawdown == tracker.maxDrawdown)
    #expect(abs(card.maxDrawdown - 0.01) < 1e-12)
    #expect(card.trades == 2)
    #expect(card.winningTrades == 1)
    #expect(card.errors == 1)
    #expect(card.periods == 3)
    #expect(card.elapsedNanoseconds == 3 * AnalyticsFixture.day + 1)
    let decoded = try JSONDecoder().decode(Scorecard.self, from: JSONEncoder().encode(card))
    #expect(decoded == card)
    let young = Scorecard(try AnalyticsFixture.daily([101]))
    #expect(young.sharpe == nil)
    let json = String(decoding: try JSONEncoder().encode(young), as: UTF8.self)
    #expect(!json.contains("sharpe"))
  }
}
