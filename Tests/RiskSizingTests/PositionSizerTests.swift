import RiskSizing
import Testing
import TradingModel

@Suite("PositionSizer")
struct PositionSizerTests {
  private func sizer(_ rule: SizingRule, _ instrument: Instrument = Fixtures.spy) throws
    -> PositionSizer
  {
    try PositionSizer.make(rule: rule, instrument: instrument).get()
  }

  private func quantity(_ instrument: Instrument, _ text: String) -> SizingResult {
    .quantity(instrument.qty(text))
  }

  // MARK: fixed

  @Test("fixed: the configured quantity, whatever the equity")
  func fixed() throws {
    let sizer = try sizer(.fixed(Fixtures.lotOfSeven.qty("70")), Fixtures.lotOfSeven)
    let inputs = SizingInputs(equity: usd("0"), price: Fixtures.lotOfSeven.px("10.00"))
    #expect(sizer.maximumEntryQuantity(inputs) == quantity(Fixtures.lotOfSeven, "70"))
  }

  @Test("fixed: off-lot, wrong precision, non-positive and below-minimum quantities are refused")
  func fixedValidation() {
    let offLot = SizingRule.fixed(Fixtures.lotOfSeven.qty("10")).problems(for: Fixtures.lotOfSeven)
    #expect(offLot.map(\.field) == ["fixed.quantity"])
    #expect(offLot.first?.reason.contains("lots of 7") == true)
    let precision = SizingRule.fixed(Quantity(raw: 10, precision: 1)).problems(for: Fixtures.spy)
    #expect(precision.count == 1)
    #expect(SizingRule.fixed(Fixtures.spy.qty("0")).problems(for: Fixtures.spy).count == 1)
    #expect(
      SizingRule.fixed(Fixtures.minimums.qty("5")).problems(for: Fixtures.minimums).count == 1)
    if case .failure(let error) = PositionSizer.make(
      rule: .fixed(Fixtures.lotOfSeven.qty("10")), instrument: Fixtures.lotOfSeven)
    {
      #expect(error.problems == offLot)
    } else {
      Issue.record("an off-lot fixed quantity was accepted")
    }
  }

  // MARK: percent of equity at risk

  @Test("risk: equity * fraction / (k * ATR * multiplier), exact and rounded down")
  func percentOfEquityAtRisk() throws {
    let spy = try sizer(.percentOfEquityAtRisk(fraction: 0.01, atrMultiple: 2))
    var inputs = SizingInputs(equity: usd("100000.00"), price: Fixtures.spy.px("400.00"), atr: 2.5)
    #expect(spy.maximumEntryQuantity(inputs) == quantity(Fixtures.spy, "200"))  // 1000 / 5
    inputs.atr = 3  // 1000 / 6 = 166.67
    #expect(spy.maximumEntryQuantity(inputs) == quantity(Fixtures.spy, "166"))
    inputs.atr = 2.3  // 1000 / 4.6 = 217.39
    #expect(spy.maximumEntryQuantity(inputs) == quantity(Fixtures.spy, "217"))

    // A future: $50 a point. 10,000 / (2 * 12.5 * 50) = 8 contracts; 10,000 / (2 * 13 * 50) = 7.69.
    let es = try sizer(.percentOfEquityAtRisk(fraction: 0.01, atrMultiple: 2), Fixtures.es)
    var future = SizingInputs(
      equity: usd("1000000.00"), price: Fixtures.es.px("4000.25"), atr: 12.5)
    #expect(es.maximumEntryQuantity(future) == quantity(Fixtures.es, "8"))
    future.atr = 13
    #expect(es.maximumEntryQuantity(future) == quantity(Fixtures.es, "7"))

    // Lots of 7: 166.67 shares are 23 whole lots, 161 shares.
    let seven = try sizer(
      .percentOfEquityAtRisk(fraction: 0.01, atrMultiple: 2), Fixtures.lotOfSeven)
    let odd = SizingInputs(equity: usd("100000.00"), price: Fixtures.lotOfSeven.px("50.00"), atr: 3)
    #expect(seven.maximumEntryQuantity(odd) == quantity(Fixtures.lotOfSeven, "161"))
  }

  @Test("risk: zero when not even one lot fits, or when equity is zero")
  func percentOfEquityAtRiskTooSmall() throws {
    let sizer = try sizer(.percentOfEquityAtRisk(fraction: 0.01, atrMultiple: 2))
    var inputs = SizingInputs(equity: usd("1000.00"), price: Fixtures.spy.px("400.00"), atr: 10)
    #expect(sizer.maximumEntryQuantity(inputs) == quantity(Fixtures.spy, "0"))  // 10 / 20
    inputs.equity = usd("0")
    inputs.atr = 2.5
    #expect(sizer.maximumEntryQuantity(inputs) == quantity(Fixtures.spy, "0"))
  }

  @Test("risk: a missing ATR is named; NaN, infinite, zero and negative ATRs are refused")
  func percentOfEquityAtRiskInputs() throws {
    let sizer = try sizer(.percentOfEquityAtRisk(fraction: 0.01, atrMultiple: 2))
    var inputs = SizingInputs(equity: usd("100000.00"), price: Fixtures.spy.px("400.00"))
    #expect(sizer.maximumEntryQuantity(inputs) == .missing(.atr))
    for bad in [Double.nan, .infinity, -.infinity, 0, -1.5] {
      inputs.atr = bad
      #expect(sizer.maximumEntryQuantity(inputs) == .invalid(.atr), "\(bad)")
    }
  }

  // MARK: fractional Kelly

  @Test("Kelly: f* = p - (1 - p) / b, times the fraction, of equity over the price")
  func kelly() throws {
    // f* = 0.6 - 0.4 / 2 = 0.4, half Kelly 0.2: 250,000 * 0.2 / 50 = 1,000 (evaluated in binary
    // it is 999.9999999999999; it must still size 1,000).
    let sizer = try sizer(.fractionalKelly(fraction: 0.5))
    var inputs = SizingInputs(
      equity: usd("250000.00"), price: Fixtures.spy.px("50.00"), winProbability: 0.6,
      payoffRatio: 2)
    #expect(sizer.maximumEntryQuantity(inputs) == quantity(Fixtures.spy, "1000"))
    inputs.price = Fixtures.spy.px("50.01")  // 999.8: rounds down
    #expect(sizer.maximumEntryQuantity(inputs) == quantity(Fixtures.spy, "999"))
    // The same on an exchange that prices in quarter points with a multiplier of 50:
    // 1,000,000 * 0.2 / (4000.25 * 50) = 0.99994.
    let es = try self.sizer(.fractionalKelly(fraction: 0.5), Fixtures.es)
    let future = SizingInputs(
      equity: usd("1000000.00"), price: Fixtures.es.px("4000.25"), winProbability: 0.6,
      payoffRatio: 2)
    #expect(es.maximumEntryQuantity(future) == quantity(Fixtures.es, "0"))
  }

  @Test("Kelly: capped at 25% of equity even when fraction * f* is more; a lower cap applies")
  func kellyCap() throws {
    // f* = 0.9 - 0.1 / 2 = 0.85: full Kelly would bet 85% of equity.
    let inputs = SizingInputs(
      equity: usd("100000.00"), price: Fixtures.spy.px("50.00"), winProbability: 0.9,
      payoffRatio: 2)
    let full = try sizer(.fractionalKelly(fraction: 1))
    #expect(full.maximumEntryQuantity(inputs) == quantity(Fixtures.spy, "500"))  // 25%
    let capped = try sizer(.fractionalKelly(fraction: 1, cap: 0.1))
    #expect(capped.maximumEntryQuantity(inputs) == quantity(Fixtures.spy, "200"))  // 10%
    let problems = SizingRule.fractionalKelly(fraction: 1, cap: 0.3).problems(for: Fixtures.spy)
    #expect(problems.map(\.field) == ["fractionalKelly.cap"])
  }

  @Test("Kelly: no edge (f* <= 0) sizes to zero")
  func kellyNoEdge() throws {
    let sizer = try sizer(.fractionalKelly(fraction: 0.5))
    var inputs = SizingInputs(
      equity: usd("100000.00"), price: Fixtures.spy.px("50.00"), winProbability: 0.3,
      payoffRatio: 2)  // 0.3 - 0.35 < 0
    #expect(sizer.maximumEntryQuantity(inputs) == quantity(Fixtures.spy, "0"))
    inputs.winProbability = 1.0 / 3  // exactly break-even at 2:1
    inputs.payoffRatio = 2
    #expect(sizer.maximumEntryQuantity(inputs) == quantity(Fixtures.spy, "0"))
  }

  @Test("Kelly: probability then payoff are named when missing, refused when unusable")
  func kellyInputs() throws {
    let sizer = try sizer(.fractionalKelly(fraction: 0.5))
    var inputs = SizingInputs(equity: usd("100000.00"), price: Fixtures.spy.px("50.00"))
    #expect(sizer.maximumEntryQuantity(inputs) == .missing(.winProbability))
    inputs.winProbability = 0.6
    #expect(sizer.maximumEntryQuantity(inputs) == .missing(.payoffRatio))
    for bad in [Double.nan, -0.1, 1.01, .infinity] {
      inputs.winProbability = bad
      #expect(sizer.maximumEntryQuantity(inputs) == .invalid(.winProbability), "\(bad)")
    }
    inputs.winProbability = 0.6
    for bad in [Double.nan, 0, -2, .infinity] {
      inputs.payoffRatio = bad
      #expect(sizer.maximumEntryQuantity(inputs) == .invalid(.payoffRatio), "\(bad)")
    }
  }

  // MARK: volatility target

  @Test("volatility target: equity * target / (vol * price * multiplier)")
  func volatilityTarget() throws {
    let spy = try sizer(.volatilityTarget(annualTarget: 0.1))
    let inputs = SizingInputs(
      equity: usd("100000.00"), price: Fixtures.spy.px("50.00"), annualisedVolatility: 0.2)
    #expect(spy.maximumEntryQuantity(inputs) == quantity(Fixtures.spy, "1000"))
    // 150,000 / (0.3 * 4000.25 * 50) = 2.4998
    let es = try sizer(.volatilityTarget(annualTarget: 0.15), Fixtures.es)
    let future = SizingInputs(
      equity: usd("1000000.00"), price: Fixtures.es.px("4000.25"), annualisedVolatility: 0.3)
    #expect(es.maximumEntryQuantity(future) == quantity(Fixtures.es, "2"))
  }

  @Test("volatility target: a missing volatility is named; unusable ones are refused")
  func volatilityTargetInputs() throws {
    let sizer = try sizer(.volatilityTarget(annualTarget: 0.1))
    var inputs = SizingInputs(equity: usd("100000.00"), price: Fixtures.spy.px("50.00"))
    #expect(sizer.maximumEntryQuantity(inputs) == .missing(.annualisedVolatility))
    for bad in [Double.nan, 0, -0.2, .infinity] {
      inputs.annualisedVolatility = bad
      #expect(sizer.maximumEntryQuantity(inputs) == .invalid(.annualisedVolatility), "\(bad)")
    }
  }

  // MARK: shared checks

  @Test("equity must be non-negative and in the instrument's currency; the price positive")
  func equityAndPrice() throws {
    let sizer = try sizer(.volatilityTarget(annualTarget: 0.1))
    var inputs = SizingInputs(
      equity: usd("-1.00"), price: Fixtures.spy.px("50.00"), annualisedVolatility: 0.2)
    #expect(sizer.maximumEntryQuantity(inputs) == .invalid(.equity))
    inputs.equity = Money(raw: 10_000_000, currency: Currency("EUR", precision: 2)!)
    #expect(sizer.maximumEntryQuantity(inputs) == .invalid(.equity))
    inputs.equity = usd("100000.00")
    inputs.price = Fixtures.spy.px("0")
    #expect(sizer.maximumEntryQuantity(inputs) == .invalid(.price))
    inputs.price = Fixtures.spy.px("-5.00")
    #expect(sizer.maximumEntryQuantity(inputs) == .invalid(.price))
    // The price is checked before the rule's own inputs.
    inputs.annualisedVolatility = nil
    #expect(sizer.maximumEntryQuantity(inputs) == .invalid(.price))
  }

  @Test("below the instrument's minimum quantity or notional nothing fits")
  func minimums() throws {
    let sizer = try sizer(.volatilityTarget(annualTarget: 0.1), Fixtures.minimums)
    // 1,000 / (0.2 * 100) = 50 shares of $5,000: fits.
    var inputs = SizingInputs(
      equity: usd("10000.00"), price: Fixtures.minimums.px("100.00"), annualisedVolatility: 0.2)
    #expect(sizer.maximumEntryQuantity(inputs) == quantity(Fixtures.minimums, "50"))
    // 1,000 / (0.4 * 250) = 10 shares, the minimum: fits; 1,000 / (0.5 * 250) = 8 shares of
    // $2,000: enough notional, but below the minimum of 10.
    inputs.price = Fixtures.minimums.px("250.00")
    inputs.annualisedVolatility = 0.4
    #expect(sizer.maximumEntryQuantity(inputs) == quantity(Fixtures.minimums, "10"))
    inputs.annualisedVolatility = 0.5
    #expect(sizer.maximumEntryQuantity(inputs) == quantity(Fixtures.minimums, "0"))
    // 1,000 / (1 * 0.09) = 11,111 shares of $999.99: below the $1,000 minimum notional;
    // at $0.10, 10,000 shares of exactly $1,000: fits.
    inputs.annualisedVolatility = 1
    inputs.price = Fixtures.minimums.px("0.09")
    #expect(sizer.maximumEntryQuantity(inputs) == quantity(Fixtures.minimums, "0"))
    inputs.price = Fixtures.minimums.px("0.10")
    #expect(sizer.maximumEntryQuantity(inputs) == quantity(Fixtures.minimums, "10000"))

    // Lots of 0.003 from a minimum of 0.006 and $10: 25 / (1 * 5000) = 0.005 coins -> 0.003
    // ($15), below the minimum quantity.
    let coin = try self.sizer(.volatilityTarget(annualTarget: 0.01), Fixtures.coin)
    var crypto = SizingInputs(
      equity: usd("2500.00"), price: Fixtures.coin.px("5000.0"), annualisedVolatility: 1)
    #expect(coin.maximumEntryQuantity(crypto) == quantity(Fixtures.coin, "0"))
    crypto.equity = usd("5000.00")  // 0.010 coins -> 0.009 ($45): fits
    #expect(coin.maximumEntryQuantity(crypto) == quantity(Fixtures.coin, "0.009"))
    // 9 / (1 * 1000) = 0.009 coins, the quantity fits but is worth only $9.
    crypto.equity = usd("900.00")
    crypto.price = Fixtures.coin.px("1000.0")
    #expect(coin.maximumEntryQuantity(crypto) == quantity(Fixtures.coin, "0"))
  }

  @Test("an absurdly small ATR saturates at the largest representable lot count, not a trap")
  func saturates() throws {
    let sizer = try sizer(.percentOfEquityAtRisk(fraction: 1, atrMultiple: 1))
    let inputs = SizingInputs(
      equity: usd("1000000.00"), price: Fixtures.spy.px("1.00"), atr: 1e-300)
    #expect(sizer.maximumEntryQuantity(inputs) == .quantity(Quantity(raw: .max, precision: 0)))
  }

  @Test("never rounds up, and never leaves a whole lot unused (10,000 random cases)")
  func neverRoundsUp() throws {
    var random = SplitMix64(seed: 20_240_611)
    let instrument = Fixtures.coin
    let sizer = try sizer(.percentOfEquityAtRisk(fraction: 0.02, atrMultiple: 1.5), instrument)
    let lot = instrument.lotSize.doubleValue
    for _ in 0..<10_000 {
      let equity = Money(raw: Int64(random.unit() * 1e9), currency: .usd)
      let atr = 1 + random.unit() * 500
      let inputs = SizingInputs(equity: equity, price: instrument.px("30000.0"), atr: atr)
      guard case .quantity(let quantity) = sizer.maximumEntryQuantity(inputs) else {
        Issue.record("no quantity for \(inputs)")
        continue
      }
      #expect(quantity.raw % instrument.lotSize.raw == 0)
      let budget = equity.doubleValue * 0.02
      let riskPerUnit = 1.5 * atr
      #expect(quantity.doubleValue * riskPerUnit <= budget * (1 + 1e-12), "\(inputs)")
      if quantity.raw > 0 {
        #expect((quantity.doubleValue + lot) * riskPerUnit > budget, "\(inputs)")
      } else {
        // Zero: less than the minimum quantity (two lots) fits.
        #expect(budget / riskPerUnit < 0.006 * (1 + 1e-12), "\(inputs)")
      }
    }
  }

  @Test("rule parameters: every problem is reported")
  func ruleValidation() {
    let spy = Fixtures.spy
    #expect(
      SizingRule.percentOfEquityAtRisk(fraction: 0, atrMultiple: .nan).problems(for: spy)
        .map(\.field) == ["percentOfEquityAtRisk.fraction", "percentOfEquityAtRisk.atrMultiple"])
    #expect(
      SizingRule.percentOfEquityAtRisk(fraction: 1.5, atrMultiple: 2).problems(for: spy).count
        == 1)
    #expect(
      SizingRule.fractionalKelly(fraction: 2, cap: 0).problems(for: spy).map(\.field)
        == ["fractionalKelly.fraction", "fractionalKelly.cap"])
    #expect(SizingRule.volatilityTarget(annualTarget: -0.1).problems(for: spy).count == 1)
    #expect(SizingRule.fractionalKelly(fraction: 0.5).problems(for: spy).isEmpty)
    #expect(SizingRule.fractionalKelly(fraction: 0.5) == .fractionalKelly(fraction: 0.5, cap: 0.25))
  }
}
