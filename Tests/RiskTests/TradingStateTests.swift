import CTradeHostPlugin
import Risk
import Testing
import TradingModel

@testable import Kernel

/// Trading states at the account, slot and instrument levels: halted and paused deny every new
/// order; reducing lets an order through only as far as it reduces the slot's position.
@Suite("Trading states")
struct TradingStateTests {
  typealias F = RiskFixture
  static let t0 = RiskFixture.monday

  /// A fixture with a long position of 5 SPY at 100.00 in slot `main`, then `command` applied.
  func longFive(_ command: RiskCommand? = nil, restoring: RiskStateSnapshot? = nil) throws
    -> RiskFixture
  {
    let fixture = try F(.unlimited, restoring: restoring)
    fixture.feed(at: Self.t0, close: 10_000)
    if restoring == nil { expectFilled(fixture.buy(5), 5) }
    if let command { fixture.wrapper.apply(command) }
    return fixture
  }

  @Test("account halted, paused and reducing deny with codes 100, 101, 102")
  func accountStates() throws {
    let halted = try longFive(RiskCommand(action: .kill, source: .operator))
    // The kill flattened the position; any order is denied while halted.
    #expect(halted.position() == 0)
    expectDenied(halted.buy(1), .accountHalted)
    expectDenied(halted.sell(1), .accountHalted)

    let paused = try longFive(RiskCommand(action: .pause, source: .operator))
    expectDenied(paused.buy(1), .accountPaused)
    expectDenied(paused.sell(1), .accountPaused)
    #expect(paused.position() == 5)

    let reducing = try longFive(RiskCommand(action: .reduce, source: .operator))
    expectDenied(reducing.buy(1), .accountReducing)
    expectFilled(reducing.sell(2), 2)
    // Through the position: shrunk to what is left (3), never flipped short.
    expectFilled(reducing.sell(8), 3)
    #expect(reducing.position() == 0)
    expectDenied(reducing.sell(1), .accountReducing)
  }

  @Test("slot halted, paused and reducing deny with codes 103, 104, 105; other slots trade on")
  func slotStates() throws {
    for (action, reason) in [
      (RiskCommand.Action.kill, DenialReason.slotHalted), (.pause, .slotPaused),
      (.reduce, .slotReducing),
    ] {
      let fixture = try F(.unlimited, slots: [F.slot("a"), F.slot("b")])
      fixture.feed(at: Self.t0, close: 10_000)
      expectFilled(fixture.buy(5, slot: 0), 5)
      fixture.wrapper.apply(RiskCommand(action: action, slot: "a", source: .operator))
      expectDenied(fixture.buy(1, slot: 0), reason)
      expectFilled(fixture.buy(1, slot: 1), 1)
      if action == .reduce {
        expectFilled(fixture.sell(9, slot: 0), 5)
        #expect(fixture.position(slot: 0) == 0)
      } else if action == .pause {
        expectDenied(fixture.sell(1, slot: 0), reason)
        #expect(fixture.position(slot: 0) == 5)
      } else {
        expectDenied(fixture.sell(1, slot: 0), reason)
      }
      #expect(fixture.wrapper.state(of: .account).state == .active)
    }
  }

  @Test("instrument halted, paused and reducing (restored) deny with codes 106, 107, 108")
  func instrumentStates() throws {
    for (state, reason) in [
      (TradingState.halted, DenialReason.instrumentHalted), (.paused, .instrumentPaused),
      (.reducing, .instrumentReducing),
    ] {
      let snapshot = RiskStateSnapshot(
        account: .init(LatchedState()),
        instruments: [
          "SPY.ARCA": .init(
            LatchedState(state: state, reason: "test", source: "operator", since: 1))
        ])
      let fixture = try F(
        .unlimited, instruments: [F.spy, F.qqq], restoring: snapshot)
      fixture.feed(0, at: Self.t0, close: 10_000)
      fixture.feed(1, at: Self.t0, close: 5_000)
      expectDenied(fixture.buy(1, instrument: 0), reason)
      // The other instrument is not affected.
      expectFilled(fixture.buy(1, instrument: 1), 1)
      #expect(fixture.wrapper.state(of: .instrument(0)).state == state)
      #expect(fixture.wrapper.state(of: .instrument(1)).state == .active)
    }
  }

  @Test("the most restrictive level wins: a paused slot in a reducing account is paused")
  func mostRestrictive() throws {
    let fixture = try longFive(RiskCommand(action: .reduce, source: .operator))
    fixture.wrapper.apply(RiskCommand(action: .pause, slot: "main", source: .operator))
    expectDenied(fixture.sell(1), .slotPaused)
    #expect(fixture.wrapper.worstState == .paused)
    fixture.wrapper.apply(RiskCommand(action: .resume, slot: "main", source: .operator))
    expectFilled(fixture.sell(1), 1)
    expectDenied(fixture.buy(1), .accountReducing)
  }

  @Test("a reduce-only intent that would open a position is denied (code 31)")
  func reduceOnly() throws {
    let fixture = try F(.unlimited)
    fixture.feed(at: Self.t0, close: 10_000)
    expectDenied(
      fixture.submit(F.intent(TH_SIDE_BUY, 1, reduceOnly: true)), .reduceOnlyWouldIncrease)
    expectFilled(fixture.buy(3), 3)
    expectDenied(
      fixture.submit(F.intent(TH_SIDE_BUY, 1, reduceOnly: true)), .reduceOnlyWouldIncrease)
    expectFilled(fixture.submit(F.intent(TH_SIDE_SELL, 2, reduceOnly: true)), 2)
  }

  @Test("reducing: resting reductions cannot add up to more than the position")
  func restingReductionsCannotFlip() throws {
    let fixture = try longFive(RiskCommand(action: .reduce, source: .operator))
    // Each sell of 5 reduces the long 5 on its own; both rest, then both fill.
    #expect(fixture.limit(TH_SIDE_SELL, 5, at: 101.00).accepted)
    let again = fixture.limit(TH_SIDE_SELL, 5, at: 101.00)
    fixture.feed(at: Self.t0 + second, close: 10_100)
    #expect(
      fixture.position() >= 0,
      "a reducing account went short through resting orders (second sell: \(again.reason ?? "approved"))"
    )
  }

  @Test("the wrapper's denial codes are unique, from 100 up, each with a sentence")
  func denialCodes() {
    let reasons: [DenialReason] = [
      .accountHalted, .accountPaused, .accountReducing, .slotHalted, .slotPaused, .slotReducing,
      .instrumentHalted, .instrumentPaused, .instrumentReducing, .maxOrderNotional, .maxPosition,
      .maxSlotPosition, .accountGrossExposure, .accountNetExposure, .slotGrossExposure,
      .slotNetExposure, .accountLeverage, .slotLeverage, .symbolConcentration,
      .venueConcentration, .strategyConcentration, .slotThrottled, .venueThrottled,
      .maxOrdersPerDay, .cooldown, .slotDailyNotional, .accountDailyNotional,
      .accountOrdersPerDay, .outsideCollar, .noFreshPrice, .runaway, .pluginBreakerOpen,
      .venueBreakerOpen, .staleData, .marketClosed, .blackout, .volatilitySpike,
      .sizingInputMissing, .sizedToZero,
    ]
    #expect(
      reasons.map(\.code) == [
        100, 101, 102, 103, 104, 105, 106, 107, 108, 110, 111, 112, 113, 114, 115, 116, 117, 118,
        119, 120, 121, 130, 131, 132, 133, 134, 135, 136, 140, 141, 150, 151, 152, 153, 160, 161,
        162, 170, 171,
      ])
    #expect(Set(reasons.map(\.text.description)).count == reasons.count)
    #expect(reasons.allSatisfy { $0.text.utf8CodeUnitCount > 10 })
  }
}
