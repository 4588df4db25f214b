import CTradeHostPlugin
import Risk
import RiskSizing
import Testing
import TradingModel

@testable import Kernel

/// Host-enforced sizing (an entry never larger than the slot's rule allows) and host exits
/// (stop-loss and take-profit ladder sent as reduce-only IOC market orders tagged
/// `RiskWrapper.exitTag`, whatever the strategy or the trading state).
@Suite("Sizing and host exits")
struct SizingExitTests {
  typealias F = RiskFixture
  static let t0 = RiskFixture.monday

  static func sized(_ sizing: SlotSizing) -> RiskConfiguration {
    .only {
      $0.sizing["main"] = sizing
      $0.instrumentDefaults.atrPeriod = 1
    }
  }

  @Test("fixed sizing: each entry is cut to the fixed quantity; the reducing part is not")
  func fixedSizing() throws {
    let fixture = try F(Self.sized(SlotSizing(rule: .fixed(Quantity(raw: 5, precision: 0)))))
    fixture.feed(at: Self.t0, close: 10_000)
    expectFilled(fixture.buy(10), 5)
    expectFilled(fixture.buy(5), 5)
    expectFilled(fixture.buy(4), 4)
    // Long 14: a sell of 19 closes 14 and opens a 5 short, exactly what the rule allows.
    expectFilled(fixture.sell(19), 19)
    expectFilled(fixture.sell(20), 5)
    #expect(fixture.position() == -10)
  }

  @Test(
    "risk sizing: equity x fraction / (k x ATR); no ATR yet is denied (170), nothing fitting too (171)"
  )
  func riskSizing() throws {
    let fixture = try F(
      Self.sized(SlotSizing(rule: .percentOfEquityAtRisk(fraction: 0.01, atrMultiple: 2))))
    fixture.feed(at: Self.t0, close: 10_000)
    expectDenied(fixture.buy(1), .sizingInputMissing)
    // ATR(1) = 2.50: 100,000 x 1% / (2 x 2.50) = 200 shares.
    fixture.feed(at: Self.t0 + second, close: 10_000, high: 10_250, low: 10_000)
    expectFilled(fixture.buy(500), 200)
    expectFilled(fixture.buy(200), 200)
    // Reducing 400 and opening 200 short.
    expectFilled(fixture.sell(700), 600)
    #expect(fixture.position() == -200)

    let tiny = try F(
      Self.sized(SlotSizing(rule: .percentOfEquityAtRisk(fraction: 0.000_01, atrMultiple: 2))))
    tiny.feed(at: Self.t0, close: 10_000)
    tiny.feed(at: Self.t0 + second, close: 10_000, high: 10_250, low: 10_000)
    // 1.00 at risk over 5.00 a share: 0.2 shares, nothing.
    expectDenied(tiny.buy(1), .sizedToZero)
  }

  @Test("Kelly sizing without a win probability is denied (170)")
  func kellyMissingInput() throws {
    let fixture = try F(Self.sized(SlotSizing(rule: .fractionalKelly(fraction: 0.5))))
    fixture.feed(at: Self.t0, close: 10_000)
    expectDenied(fixture.buy(1), .sizingInputMissing)
    let kelly = try F(
      Self.sized(
        SlotSizing(rule: .fractionalKelly(fraction: 0.5), winProbability: 0.6, payoffRatio: 2)))
    kelly.feed(at: Self.t0, close: 10_000)
    // f* = 0.6 - 0.4 / 2 = 0.4, half of it 0.2, capped at 0.25: 20,000 of 100,000 at 100.00.
    expectFilled(kelly.buy(1_000), 200)
  }

  @Test("volatility targets: each slot sizes with its own realized-volatility window")
  func volatilityTargetPerSlot() throws {
    var short = SlotSizing(rule: .volatilityTarget(annualTarget: 0.2))
    short.volatilityWindow = 2
    var long = short
    long.volatilityWindow = 4
    let fixture = try F(
      .only {
        $0.sizing["short"] = short
        $0.sizing["long"] = long
      }, slots: [F.slot("short"), F.slot("long")])
    let closes: [Int64] = [10_000, 10_100, 9_900, 10_200, 10_000]
    var oracles = [
      RealizedVolatility(window: 2, periodsPerYear: 252)!,
      RealizedVolatility(window: 4, periodsPerYear: 252)!,
    ]
    for (step, close) in closes.enumerated() {
      fixture.feed(at: Self.t0 + Int64(step) * second, close: close)
      for index in oracles.indices { _ = oracles[index].update(price: Double(close) / 100) }
    }
    // Shares = equity x target / (annualised volatility x price), rounded down.
    let expected = oracles.map { Int64((100_000 * 0.2 / ($0.value! * 100)).rounded(.down)) }
    #expect(expected[0] != expected[1])
    expectFilled(fixture.buy(100_000, slot: 0), expected[0])
    expectFilled(fixture.buy(100_000, slot: 1), expected[1])
  }

  @Test("Kelly sizing takes the order's own win probability and payoff ratio (ABI 1.1) first")
  func kellyFromTheStrategy() throws {
    let fixture = try F(
      Self.sized(
        SlotSizing(rule: .fractionalKelly(fraction: 0.5), winProbability: 0.6, payoffRatio: 2)))
    fixture.feed(at: Self.t0, close: 10_000)
    var intent = F.intent(TH_SIDE_BUY, 1_000)
    intent.win_probability = 0.55
    intent.payoff_ratio = 1.5
    // The order's estimate wins over the slot's: f* = 0.55 - 0.45 / 1.5 = 0.25, half of it
    // 0.125: 12,500 of 100,000 at 100.00 = 125 shares.
    expectFilled(fixture.submit(intent), 125)
    // Out-of-range estimates count as none: with no slot estimate either, the entry is denied;
    // a valid one sizes it.
    var bad = F.intent(TH_SIDE_BUY, 1_000)
    bad.win_probability = 1.7
    bad.payoff_ratio = -1
    let none = try F(Self.sized(SlotSizing(rule: .fractionalKelly(fraction: 0.5))))
    none.feed(at: Self.t0, close: 10_000)
    expectDenied(none.submit(bad), .sizingInputMissing)
    var good = F.intent(TH_SIDE_BUY, 1_000)
    good.win_probability = 0.6
    good.payoff_ratio = 2
    expectFilled(none.submit(good), 200)
  }

  /// A fixture with exits, long 100 SPY at 100.00 with ATR(1) = 1.00: stop 98.00 (2 ATR, R = 2.00),
  /// targets 103.00, 104.00 and 106.00 (1.5R, 2R, 3R).
  func longWithExits(_ rules: ExitRules) throws -> RiskFixture {
    let fixture = try F(
      .only {
        $0.exits["main"] = rules
        $0.instrumentDefaults.atrPeriod = 1
      })
    fixture.feed(at: Self.t0, close: 10_000)
    fixture.feed(at: Self.t0 + second, close: 10_000, high: 10_050, low: 9_950)
    expectFilled(fixture.buy(100), 100)
    return fixture
  }

  /// The FILLED events of host exit orders among `events`.
  func exitFills(_ events: [th_order_event]) -> [th_order_event] {
    events.filter {
      $0.type == th_order_event_type(TH_EVENT_FILLED) && $0.client_tag == RiskWrapper.exitTag
    }
  }

  @Test("stop-loss: a bar through the stop closes the whole position with a tagged host order")
  func stopLoss() throws {
    let fixture = try longWithExits(ExitRules(stopLoss: StopLossRule(atrMultiple: 2)))
    fixture.observeOnly(F.bar(at: Self.t0 + 2 * second, close: 9_850, low: 9_801))
    #expect(fixture.takeEvents().isEmpty)
    #expect(fixture.position() == 100)
    fixture.observeOnly(F.bar(at: Self.t0 + 3 * second, close: 9_850, high: 9_900, low: 9_800))
    let events = fixture.takeEvents()
    #expect(
      events.map(\.type) == [
        th_order_event_type(TH_EVENT_ACCEPTED), th_order_event_type(TH_EVENT_FILLED),
      ])
    #expect(events.allSatisfy { $0.client_tag == RiskWrapper.exitTag })
    #expect(exitFills(events).map(\.fill_quantity) == [100])
    #expect(exitFills(events).map(\.fill_price) == [98.50])
    #expect(fixture.position() == 0)
    #expect(fixture.kernel.counters.hostOrders == 1)
    let exit = fixture.audited("exit")
    #expect(exit.count == 1)
    #expect(exit.first?.reason == "host exit: stop_loss")
    #expect(exit.first?.scope == "slot main SPY.ARCA")
    #expect(exit.first?.values.contains(AuditRecord.Value("trigger", "98.00")) == true)
  }

  @Test("take-profit ladder: 33 at 1.5R, 33 at 2R, then the stop at break-even closes the rest")
  func takeProfitLadder() throws {
    let fixture = try longWithExits(
      ExitRules(stopLoss: StopLossRule(atrMultiple: 2), takeProfit: TakeProfitLadder()))
    fixture.observeOnly(F.bar(at: Self.t0 + 2 * second, close: 10_250, high: 10_299, low: 10_000))
    #expect(fixture.takeEvents().isEmpty)
    fixture.observeOnly(F.bar(at: Self.t0 + 3 * second, close: 10_250, high: 10_300, low: 10_000))
    var fills = exitFills(fixture.takeEvents())
    #expect(fills.map(\.fill_quantity) == [33])
    #expect(fixture.position() == 67)
    fixture.observeOnly(F.bar(at: Self.t0 + 4 * second, close: 10_350, high: 10_400, low: 10_100))
    fills = exitFills(fixture.takeEvents())
    #expect(fills.map(\.fill_quantity) == [33])
    #expect(fixture.position() == 34)
    // The stop moved to the entry (100.00) after the first rung: the rest cannot lose.
    fixture.observeOnly(F.bar(at: Self.t0 + 5 * second, close: 10_050, high: 10_100, low: 10_000))
    fills = exitFills(fixture.takeEvents())
    #expect(fills.map(\.fill_quantity) == [34])
    #expect(fixture.position() == 0)
    #expect(
      fixture.audited("exit").map(\.reason) == [
        "host exit: take_profit_0", "host exit: take_profit_1", "host exit: stop_loss",
      ])
    #expect(fixture.kernel.counters.hostOrders == 3)
    #expect(fixture.kernel.portfolio.checkConsistency().isEmpty)
  }

  @Test("host exits run whatever the slot's state: a paused slot's stop still closes it")
  func exitWhilePaused() throws {
    let fixture = try longWithExits(ExitRules(stopLoss: StopLossRule(atrMultiple: 2)))
    fixture.wrapper.apply(RiskCommand(action: .pause, slot: "main", source: .operator))
    expectDenied(fixture.sell(1), .slotPaused)
    fixture.feed(at: Self.t0 + 2 * second, close: 9_700)
    #expect(fixture.position() == 0)
    #expect(fixture.audited("exit").first?.reason == "host exit: stop_loss")
  }
}
