import Testing
import TradingModel

@Suite("Ledger overflow: checked, refused, never clamped or trapped")
struct LedgerOverflowTests {
  /// A portfolio of the fixture instruments: two on-book slots and an off-book one.
  func portfolio() throws -> Portfolio {
    try Portfolio(
      currency: .usd, instruments: Fixtures.all,
      slotCapital: [usd("100000"), usd("250000.50"), usd("1000")], offBook: [2])
  }

  @Test("a notional or a fee beyond Int64 is nil, not clamped")
  func notional() {
    let huge = Price(raw: .max, precision: 2)
    let size = Quantity(raw: 1_000, precision: 0)
    let one = Quantity(raw: 1, precision: 0)
    #expect(Money.notional(price: huge, quantity: size, multiplier: one, currency: .usd) == nil)
    #expect(
      Money.notional(
        price: Price(raw: .max, precision: 0), quantity: Quantity(raw: .max, precision: 0),
        multiplier: Quantity(raw: .max, precision: 0), currency: .usd) == nil)
    #expect(Money(raw: .max, currency: .usd).adding(usd("0.01")) == nil)
    #expect(Money(raw: .min, currency: .usd).subtracting(usd("0.01")) == nil)
    #expect(Money(raw: .max / 2, currency: .usd).applying(BasisPoints(hundredths: 4_000_000)) == nil)
  }

  @Test("the amount limit is Int64.max / (4 x slots x (instruments + 1)); capital past it is refused")
  func amountLimit() throws {
    #expect(try portfolio().amountLimit == Int64.max / (4 * 3 * 5))
    #expect(throws: PortfolioError.self) {
      try Portfolio(
        currency: .usd, instruments: [Fixtures.spy], slotCapital: [Money(raw: .max, currency: .usd)])
    }
  }

  @Test("a fill whose value is too large is refused and the books stay exactly as they were")
  func refusedFill() throws {
    var books = try portfolio()
    _ = try books.apply(Fixtures.spy.fill(.buy, "10", at: "400.00", fee: "1"))
    try books.mark(Fixtures.spy.id, price: Fixtures.spy.px("401.00"))
    let before = (books.ledger(0), books.cash, books.fees, books.realizedPnL, books.fills)
    let huge = Fill(
      clientOrderID: 2, slot: 0, instrument: Fixtures.spy.id, side: .buy,
      quantity: Quantity(raw: 1_000_000_000_000_000, precision: 0), price: Fixtures.spy.px("167.00"),
      fee: usd("0"), liquidity: .taker, timestamp: 0, tradeID: 0)
    #expect(throws: LedgerOverflow.positionValue) { try books.apply(huge) }
    #expect(books.ledger(0) == before.0)
    #expect(books.cash == before.1 && books.fees == before.2 && books.realizedPnL == before.3)
    #expect(books.fills == before.4)
    #expect(books.checkConsistency() == [])
  }

  @Test("a mark that would make an open position too valuable is refused; the old mark stays")
  func refusedMark() throws {
    var books = try portfolio()
    _ = try books.apply(Fixtures.spy.fill(.sell, "100", at: "167.00"))
    let absurd = Price(raw: 5_000_000_000_000_000_000, precision: 2)  // 5e16 dollars
    #expect(throws: LedgerOverflow.positionValue) { try books.mark(Fixtures.spy.id, price: absurd) }
    #expect(books.markPrice(Fixtures.spy.id) == nil)
    // Nothing open in BTC: any mark is accepted, and a fill there is checked at that mark.
    let btcMark = Price(raw: 5_000_000_000_000_000_000, precision: 1)
    try books.mark(Fixtures.btc.id, price: btcMark)
    #expect(throws: LedgerOverflow.positionValue) {
      try books.apply(Fixtures.btc.fill(.buy, "1", at: "60000.0"))
    }
    #expect(books.position(slot: 0, instrument: Fixtures.btc.id).isFlat)
    #expect(books.checkConsistency() == [])
  }

  /// A price or a size of random magnitude: mostly everyday, sometimes anywhere up to Int64.max.
  func magnitude(_ random: inout SplitMix64, everyday: ClosedRange<Int64>) -> Int64 {
    if Int.random(in: 0..<5, using: &random) != 0 { return Int64.random(in: everyday, using: &random) }
    let digits = Int.random(in: 0...18, using: &random)
    var bound: Int64 = 1
    for _ in 0..<digits { bound *= 10 }
    return Int64.random(in: 1...bound, using: &random)
  }

  @Test(
    "random fills and marks of every magnitude keep the invariants",
    arguments: [UInt64(7), 99, 2026, 0xFEED_FACE])
  func randomBooks(seed: UInt64) throws {
    var random = SplitMix64(seed: seed)
    var books = try portfolio()
    let instruments = Fixtures.all
    var refusedFills = 0
    var refusedMarks = 0
    var applied = 0
    for step in 0..<4_000 {
      let instrument = instruments[Int.random(in: 0..<instruments.count, using: &random)]
      let ticks = magnitude(&random, everyday: 1...100_000)
      let price = Price(
        raw: ticks.multipliedReportingOverflow(by: instrument.tickSize.raw).overflow
          ? instrument.tickSize.raw : ticks * instrument.tickSize.raw,
        precision: instrument.pricePrecision)
      if Int.random(in: 0..<3, using: &random) == 0 {
        // A mark: accepted, or refused with the old mark and every quantity kept.
        let before = books.markPrice(instrument.id)
        let ledgers = (0..<books.slotCount).map { books.ledger($0) }
        do throws(LedgerOverflow) {
          try books.mark(instrument.id, price: price)
          #expect(books.markPrice(instrument.id) == price)
        } catch {
          refusedMarks += 1
          #expect(books.markPrice(instrument.id) == before, "seed \(seed) step \(step)")
        }
        for slot in 0..<books.slotCount {
          #expect(books.ledger(slot).positions == ledgers[slot].positions)
        }
        continue
      }
      let slot = Int.random(in: 0..<books.slotCount, using: &random)
      let side: OrderSide = Bool.random(using: &random) ? .buy : .sell
      let lots = magnitude(&random, everyday: 1...50)
      let (size, sizeOverflow) = lots.multipliedReportingOverflow(by: instrument.lotSize.raw)
      let fee = Money(
        raw: Int.random(in: 0..<20, using: &random) == 0
          ? magnitude(&random, everyday: 0...500) : Int64.random(in: -50...400, using: &random),
        currency: .usd)
      let fill = Fill(
        clientOrderID: UInt64(step), slot: slot, instrument: instrument.id, side: side,
        quantity: Quantity(raw: sizeOverflow ? lots : size, precision: instrument.sizePrecision),
        price: price, fee: fee, liquidity: .taker, timestamp: Int64(step), tradeID: 0)
      let ledger = books.ledger(slot)
      let account = (books.cash, books.realizedPnL, books.fees, books.fills)
      let position = ledger.positions[Int(instrument.id)].quantity.raw
      do throws(LedgerOverflow) {
        let change = try books.apply(fill)
        applied += 1
        let after = books.ledger(slot)
        // Cash moves only by realized PnL and fees, in the slot and (on the books) the account.
        #expect(after.cash.raw == ledger.cash.raw + change.realizedPnL.raw - fee.raw)
        if books.isOnBook(slot) {
          #expect(books.cash.raw == account.0.raw + change.realizedPnL.raw - fee.raw)
        } else {
          #expect(books.cash == account.0)
        }
        // The quantity moves by exactly the fill; its sign changes only when the fill crosses zero.
        let now = after.positions[Int(instrument.id)].quantity.raw
        #expect(now == position + side.sign * fill.quantity.raw)
        if (position > 0 && now < 0) || (position < 0 && now > 0) {
          #expect(side.sign * position < 0 && fill.quantity.raw > abs(position))
        }
      } catch {
        refusedFills += 1
        #expect(books.ledger(slot) == ledger, "seed \(seed) step \(step): \(error)")
        #expect(books.cash == account.0 && books.realizedPnL == account.1)
        #expect(books.fees == account.2 && books.fills == account.3)
      }
      // The sums never trap: equity, exposures, every slot.
      _ = books.equity
      for slot in 0..<books.slotCount {
        _ = books.slotEquity(slot)
        _ = books.grossExposure(slot: slot)
        _ = books.netExposure(slot: slot)
      }
      // The account equals the sum of its on-book slots.
      if step % 50 == 0 { #expect(books.checkConsistency() == [], "seed \(seed) step \(step)") }
    }
    #expect(books.checkConsistency() == [])
    // The stream reaches both sides of the limit.
    #expect(refusedFills > 50 && refusedMarks > 5 && applied > 1_000)
  }
}
