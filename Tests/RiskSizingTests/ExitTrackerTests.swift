import RiskSizing
import Testing
import TradingModel

/// A tracker driven the way the risk wrapper drives it: fills through `positionChanged`, market
/// events through `evaluate`. Prices and quantities are text at the instrument's precisions.
private final class Harness {
  var tracker: ExitTracker
  let instrument: Instrument

  init(_ rules: ExitRules, _ instrument: Instrument = Fixtures.spy) throws {
    tracker = try ExitTracker.make(rules: rules, instrument: instrument).get()
    self.instrument = instrument
  }

  /// The position after a fill at `price`.
  func fill(_ position: String, at price: String, atr: Double? = 1, time: Int64 = 0) {
    tracker.positionChanged(
      quantity: instrument.qty(position), price: instrument.px(price), atr: atr, at: time)
  }

  /// A bar (its close is `close`, or the low).
  func bar(
    high: String, low: String, close: String? = nil, atr: Double? = 1, time: Int64 = 1
  ) -> ExitAction? {
    tracker.evaluate(
      high: instrument.px(high), low: instrument.px(low), close: instrument.px(close ?? low),
      atr: atr, at: time)
  }

  /// A single price (a trade or a mid).
  func price(_ price: String, atr: Double? = 1, time: Int64 = 1) -> ExitAction? {
    bar(high: price, low: price, close: price, atr: atr, time: time)
  }

  func action(_ reason: ExitReason, _ quantity: String, _ trigger: String) -> ExitAction {
    ExitAction(
      reason: reason, quantity: instrument.qty(quantity), triggerPrice: instrument.px(trigger))
  }

  func px(_ text: String) -> Price { instrument.px(text) }
  func qty(_ text: String) -> Quantity { instrument.qty(text) }
}

/// The default ladder with a 2-ATR stop: long 100 at 100.00 with ATR 1 has R = 2.00 and targets
/// 103.00, 104.00 and 106.00.
private let ladderRules = ExitRules(stopLoss: StopLossRule(), takeProfit: TakeProfitLadder())

@Suite("ExitTracker")
struct ExitTrackerTests {
  // MARK: stop-loss

  @Test("long stop at entry - k * ATR, crossed by the low; closes everything")
  func stopLossLong() throws {
    let h = try Harness(ExitRules(stopLoss: StopLossRule(atrMultiple: 2)))
    h.fill("100", at: "100.00", atr: 1.5)
    #expect(h.tracker.stopLossPrice == h.px("97.00"))
    #expect(h.tracker.initialRisk == h.px("3.00"))
    #expect(h.price("97.01") == nil)
    #expect(h.bar(high: "98.00", low: "97.00") == h.action(.stopLoss, "100", "97.00"))
  }

  @Test("short stop at entry + k * ATR, crossed by the high")
  func stopLossShort() throws {
    let h = try Harness(ExitRules(stopLoss: StopLossRule(atrMultiple: 2)))
    h.fill("-50", at: "100.00", atr: 1.5)
    #expect(h.tracker.stopLossPrice == h.px("103.00"))
    #expect(h.price("102.99") == nil)
    #expect(h.bar(high: "103.10", low: "102.00") == h.action(.stopLoss, "50", "103.00"))
  }

  @Test("the stop's distance rounds down to ticks: toward the entry, never more than k * ATR")
  func stopRoundsTowardEntry() throws {
    let long = try Harness(ExitRules(stopLoss: StopLossRule()))
    long.fill("10", at: "100.00", atr: 1.237)  // 2.474
    #expect(long.tracker.stopLossPrice == long.px("97.53"))
    let short = try Harness(ExitRules(stopLoss: StopLossRule()))
    short.fill("-10", at: "100.00", atr: 1.237)
    #expect(short.tracker.stopLossPrice == short.px("102.47"))
    let future = try Harness(ExitRules(stopLoss: StopLossRule()), Fixtures.es)
    future.fill("2", at: "4000.00", atr: 3.3)  // 6.6 -> 26 quarter points
    #expect(future.tracker.stopLossPrice == future.px("3993.50"))
    #expect(future.tracker.initialRisk == future.px("6.50"))
  }

  @Test("an entry without an ATR gets its stop from the first event that has one, from then on")
  func stopPlacedLater() throws {
    let h = try Harness(ExitRules(stopLoss: StopLossRule()))
    h.fill("100", at: "100.00", atr: nil)
    #expect(h.tracker.stopLossPrice == nil)
    #expect(h.price("90.00", atr: nil) == nil)
    // This event's ATR places the stop at 96.00, but only for the events after it.
    #expect(h.price("95.00", atr: 2) == nil)
    #expect(h.tracker.stopLossPrice == h.px("96.00"))
    #expect(h.price("95.99", atr: 5) == h.action(.stopLoss, "100", "96.00"))

    // A later fill that brings an ATR places it too, from the original entry.
    let added = try Harness(ExitRules(stopLoss: StopLossRule()))
    added.fill("100", at: "100.00", atr: nil)
    added.fill("150", at: "101.00", atr: 2)
    #expect(added.tracker.entryPrice == added.px("100.00"))
    #expect(added.tracker.stopLossPrice == added.px("96.00"))
  }

  // MARK: trailing stop

  @Test("an ATR trailing stop follows the best high and only ever tightens")
  func trailingOnlyTightens() throws {
    let h = try Harness(ExitRules(trailingStop: .atrMultiple(2)))
    h.fill("100", at: "100.00", atr: 1)
    #expect(h.tracker.trailingStopPrice == h.px("98.00"))
    #expect(h.bar(high: "105.00", low: "100.00", atr: 1) == nil)
    #expect(h.tracker.trailingStopPrice == h.px("103.00"))
    // A wider ATR would put it at 99.00: it stays.
    #expect(h.bar(high: "104.00", low: "103.50", atr: 3) == nil)
    #expect(h.tracker.trailingStopPrice == h.px("103.00"))
    // A bar's high never raises the stop its own low is tested against.
    #expect(h.bar(high: "110.00", low: "103.01", atr: 1) == nil)
    #expect(h.tracker.trailingStopPrice == h.px("108.00"))
    #expect(h.price("108.00") == h.action(.trailingStop, "100", "108.00"))
  }

  @Test("a percentage trailing stop on a short follows the lowest low")
  func trailingPercentShort() throws {
    let h = try Harness(ExitRules(trailingStop: .fraction(0.05)))
    h.fill("-10", at: "200.00")
    #expect(h.tracker.trailingStopPrice == h.px("210.00"))
    #expect(h.price("180.00") == nil)
    #expect(h.tracker.trailingStopPrice == h.px("189.00"))
    #expect(h.price("185.00") == nil)
    #expect(h.tracker.trailingStopPrice == h.px("189.00"))
    #expect(h.price("189.00") == h.action(.trailingStop, "10", "189.00"))
  }

  @Test("with both stops, the tighter one acts and names itself")
  func tighterStopActs() throws {
    let tightTrail = try Harness(ExitRules(stopLoss: StopLossRule(), trailingStop: .atrMultiple(1)))
    tightTrail.fill("100", at: "100.00", atr: 1)
    #expect(tightTrail.price("99.00") == tightTrail.action(.trailingStop, "100", "99.00"))
    let looseTrail = try Harness(
      ExitRules(stopLoss: StopLossRule(), trailingStop: .atrMultiple(3)))
    looseTrail.fill("100", at: "100.00", atr: 1)
    #expect(looseTrail.price("98.50") == nil)
    #expect(looseTrail.price("98.00") == looseTrail.action(.stopLoss, "100", "98.00"))
  }

  // MARK: take-profit ladder

  @Test("the ladder closes 33 / 33 / 34 at 1.5R / 2R / 3R, one rung per exit")
  func ladderSequence() throws {
    let h = try Harness(ladderRules)
    h.fill("100", at: "100.00")
    #expect(h.tracker.initialRisk == h.px("2.00"))
    #expect(
      (0..<3).map { h.tracker.takeProfitPrice(rung: $0) }
        == ["103.00", "104.00", "106.00"].map(h.px))
    #expect(h.price("102.99") == nil)
    #expect(h.price("103.00") == h.action(.takeProfit(rung: 0), "33", "103.00"))
    h.fill("67", at: "103.00")
    #expect(h.tracker.closedRungs == 1)
    #expect(h.price("104.20") == h.action(.takeProfit(rung: 1), "33", "104.00"))
    h.fill("34", at: "104.20")
    #expect(h.bar(high: "106.50", low: "105.00") == h.action(.takeProfit(rung: 2), "34", "106.00"))
    h.fill("0", at: "106.00")
    #expect(h.tracker.entryPrice == nil)
    #expect(h.price("110.00") == nil)
  }

  @Test("short ladder targets sit below the entry")
  func ladderShort() throws {
    let h = try Harness(ladderRules)
    h.fill("-100", at: "100.00")
    #expect(
      (0..<3).map { h.tracker.takeProfitPrice(rung: $0) } == ["97.00", "96.00", "94.00"].map(h.px))
    #expect(h.price("97.00") == h.action(.takeProfit(rung: 0), "33", "97.00"))
  }

  @Test("rungs reached together close together, named by the farthest")
  func ladderSeveralRungs() throws {
    let h = try Harness(ladderRules)
    h.fill("100", at: "100.00")
    #expect(h.bar(high: "104.50", low: "101.00") == h.action(.takeProfit(rung: 1), "66", "104.00"))
    h.fill("34", at: "104.00")
    #expect(h.tracker.closedRungs == 2)
    let all = try Harness(ladderRules)
    all.fill("100", at: "100.00")
    #expect(all.price("107.00") == all.action(.takeProfit(rung: 2), "100", "106.00"))
  }

  @Test("rung quantities add up exactly to the entry for awkward lots")
  func ladderQuantitiesAddUp() throws {
    let cases: [(Instrument, String, [String])] = [
      (Fixtures.spy, "100", ["33", "33", "34"]),
      (Fixtures.spy, "7", ["2", "2", "3"]),
      (Fixtures.spy, "1", ["0", "0", "1"]),
      (Fixtures.lotOfSeven, "700", ["231", "231", "238"]),
      (Fixtures.lotOfSeven, "77", ["21", "21", "35"]),
      (Fixtures.coin, "1.000", ["0.330", "0.330", "0.340"]),
      (Fixtures.coin, "0.100", ["0.033", "0.033", "0.034"]),
      (Fixtures.coin, "0.010", ["0.003", "0.003", "0.004"]),
    ]
    for (instrument, entry, expected) in cases {
      let h = try Harness(ladderRules, instrument)
      h.fill(entry, at: instrument.pricePrecision == 1 ? "100.0" : "100.00")
      let planned = (0..<3).map { h.tracker.plannedQuantity(rung: $0)! }
      #expect(planned == expected.map(h.qty), "\(instrument.symbol) \(entry)")
    }
    // Every entry size from one unit to 2,000 units of a 0.003 lot, four equal rungs.
    let quarters = ExitRules(
      stopLoss: StopLossRule(),
      takeProfit: TakeProfitLadder(
        rungs: (1...4).map { .init(rMultiple: Double($0), fraction: 0.25) }))
    for raw in Int64(1)...2_000 {
      let h = try Harness(quarters, Fixtures.coin)
      h.tracker.positionChanged(
        quantity: Quantity(raw: raw, precision: 3), price: h.px("100.0"), atr: 1, at: 0)
      let planned = (0..<4).map { h.tracker.plannedQuantity(rung: $0)!.raw }
      #expect(planned.reduce(0, +) == raw, "entry \(raw)")
      #expect(planned.dropLast().allSatisfy { $0 % 3 == 0 && $0 * 4 <= raw }, "entry \(raw)")
    }
  }

  @Test("a ladder run through fills closes exactly the position, in awkward lots")
  func ladderClosesExactly() throws {
    let h = try Harness(ladderRules, Fixtures.lotOfSeven)
    h.fill("77", at: "100.00")
    var position = Int64(77)
    var closed: [Int64] = []
    for price in ["103.00", "104.00", "106.00"] {
      let action = try #require(h.price(price))
      closed.append(action.quantity.raw)
      position -= action.quantity.raw
      h.fill(String(position), at: price)
    }
    #expect(closed == [21, 21, 35])
    #expect(h.tracker.position.isZero)
  }

  @Test("after a manual reduction the plan stays, and no rung closes more than is left")
  func ladderAfterManualReduction() throws {
    let h = try Harness(ladderRules)
    h.fill("100", at: "100.00")
    h.fill("50", at: "101.00")  // the strategy sold half itself
    #expect(h.tracker.entryQuantity == h.qty("100"))
    #expect(h.tracker.takeProfitPrice(rung: 0) == h.px("103.00"))
    #expect(h.price("103.00") == h.action(.takeProfit(rung: 0), "33", "103.00"))
    h.fill("17", at: "103.00")
    #expect(h.price("104.00") == h.action(.takeProfit(rung: 1), "17", "104.00"))
    h.fill("0", at: "104.00")
    #expect(h.tracker.entryPrice == nil)
  }

  @Test("a rung whose share rounds to zero lots closes without an order")
  func zeroRung() throws {
    let h = try Harness(ladderRules)
    h.fill("1", at: "100.00")
    #expect(h.price("103.00") == nil)
    #expect(h.tracker.closedRungs == 1)
    #expect(h.tracker.stopLossPrice == h.px("100.00"))
    #expect(h.price("106.00") == h.action(.takeProfit(rung: 2), "1", "106.00"))
  }

  @Test("after the first rung the stop moves to break-even, unless turned off")
  func breakEven() throws {
    let h = try Harness(ladderRules)
    h.fill("100", at: "100.00")
    #expect(h.tracker.stopLossPrice == h.px("98.00"))
    _ = h.price("103.00")
    h.fill("67", at: "103.00")
    #expect(h.tracker.stopLossPrice == h.px("100.00"))
    #expect(h.price("100.00") == h.action(.stopLoss, "67", "100.00"))

    let stay = ExitRules(
      stopLoss: StopLossRule(), takeProfit: TakeProfitLadder(moveStopToBreakEven: false))
    let off = try Harness(stay)
    off.fill("100", at: "100.00")
    _ = off.price("103.00")
    off.fill("67", at: "103.00")
    #expect(off.tracker.stopLossPrice == off.px("98.00"))
    #expect(off.price("100.00") == nil)
  }

  @Test("when one bar reaches both the stop and a target, the stop wins")
  func stopBeforeTarget() throws {
    let h = try Harness(ladderRules)
    h.fill("100", at: "100.00")
    #expect(h.bar(high: "103.50", low: "97.90") == h.action(.stopLoss, "100", "98.00"))
  }

  // MARK: time exit

  @Test("everything closes once the trade is maxHoldingNanos old, reductions or not")
  func timeExit() throws {
    let hour: Int64 = 3_600_000_000_000
    let start: Int64 = 1_700_000_000_000_000_000
    let h = try Harness(ExitRules(maxHoldingNanos: hour))
    h.fill("100", at: "100.00", time: start)
    h.fill("60", at: "100.50", time: start + 10)
    #expect(h.tracker.entryTime == start)
    #expect(h.price("101.00", time: start + hour - 1) == nil)
    #expect(
      h.bar(high: "101.50", low: "100.50", close: "101.25", time: start + hour)
        == h.action(.timeExit, "60", "101.25"))
  }

  // MARK: pending exits

  @Test("no second action while an exit is in flight; partial fills keep it pending")
  func noDuplicateWhilePending() throws {
    let h = try Harness(ExitRules(stopLoss: StopLossRule()))
    h.fill("100", at: "100.00")
    #expect(h.price("97.50") == h.action(.stopLoss, "100", "98.00"))
    #expect(h.tracker.isExitPending)
    #expect(h.price("97.00") == nil)
    h.fill("60", at: "97.40")  // partly filled
    #expect(h.tracker.isExitPending)
    #expect(h.price("96.00") == nil)
    h.tracker.exitFailed()  // the rest was cancelled
    #expect(!h.tracker.isExitPending)
    #expect(h.price("96.00") == h.action(.stopLoss, "60", "98.00"))
    h.fill("0", at: "96.00")
    #expect(!h.tracker.isExitPending)
    #expect(h.price("90.00") == nil)
  }

  @Test("a rung is asked for once while pending, again after a failure with no fill")
  func rungNotDuplicated() throws {
    let h = try Harness(ladderRules)
    h.fill("100", at: "100.00")
    #expect(h.price("103.00") == h.action(.takeProfit(rung: 0), "33", "103.00"))
    #expect(h.price("103.50") == nil)
    #expect(h.price("103.20") == nil)
    h.tracker.exitFailed()  // rejected, nothing filled
    #expect(h.tracker.closedRungs == 0)
    #expect(h.price("103.10") == h.action(.takeProfit(rung: 0), "33", "103.00"))
    h.fill("80", at: "103.10")  // 20 of 33 filled, then the order expired
    h.tracker.exitFailed()
    #expect(h.tracker.closedRungs == 1)
    #expect(h.tracker.stopLossPrice == h.px("100.00"))
    #expect(h.price("103.50") == nil)
    #expect(h.price("104.00") == h.action(.takeProfit(rung: 1), "33", "104.00"))
  }

  // MARK: trades

  @Test("a flip ends the trade and starts a new one at the fill price")
  func flip() throws {
    let h = try Harness(ladderRules)
    h.fill("100", at: "100.00", time: 5)
    _ = h.price("103.00")
    h.fill("67", at: "103.00")
    #expect(h.price("104.00") != nil)  // rung 1 pending
    h.fill("-50", at: "102.00", atr: 1, time: 9)
    #expect(!h.tracker.isExitPending)
    #expect(h.tracker.entryPrice == h.px("102.00"))
    #expect(h.tracker.entryTime == 9)
    #expect(h.tracker.entryQuantity == h.qty("50"))
    #expect(h.tracker.closedRungs == 0)
    #expect(h.tracker.stopLossPrice == h.px("104.00"))
    #expect(
      (0..<3).map { h.tracker.takeProfitPrice(rung: $0) } == ["99.00", "98.00", "96.00"].map(h.px))
    #expect(h.price("104.00") == h.action(.stopLoss, "50", "104.00"))
  }

  @Test("an increase keeps the entry price and plan and grows the ladder's quantity")
  func increase() throws {
    let h = try Harness(ladderRules)
    h.fill("50", at: "100.00", time: 1)
    h.fill("100", at: "101.00", atr: 3, time: 2)
    #expect(h.tracker.entryPrice == h.px("100.00"))
    #expect(h.tracker.entryTime == 1)
    #expect(h.tracker.stopLossPrice == h.px("98.00"))
    #expect((0..<3).map { h.tracker.plannedQuantity(rung: $0) } == ["33", "33", "34"].map(h.qty))
  }

  @Test("flat, or without rules, nothing is ever asked")
  func quiet() throws {
    let flat = try Harness(ladderRules)
    #expect(flat.price("1.00") == nil)
    let none = try Harness(ExitRules())
    none.fill("100", at: "100.00")
    #expect(none.price("1.00") == nil)
    #expect(none.price("1000.00", time: .max) == nil)
  }
}
