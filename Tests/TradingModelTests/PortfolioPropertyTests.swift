import Testing
import TradingModel

/// An independent model of the books: cash flows per round trip, no average cost. A round
/// trip's PnL is the sum of its signed cash flows (`−side × size × price × multiplier`) once it
/// is flat; an open trip is worth its cash flows plus the open quantity at the mark. Amounts are
/// exact in units of `10^-(pricePrecision + sizePrecision + multiplierPrecision)` and rounded
/// half-even to cents once per round trip, by its own arithmetic.
struct CashFlowModel {
  struct Book {
    var quantity: Int64 = 0
    var flows: Int128 = 0
    var fees: Int64 = 0
  }

  let instruments: [Instrument]
  var books: [[Book]]
  var closedPnL: [Int64]
  var fees: [Int64]
  var trips: [(count: Int, won: Int, lost: Int, profit: Int64, loss: Int64)]

  init(instruments: [Instrument], slots: Int) {
    self.instruments = instruments
    books = Array(repeating: Array(repeating: Book(), count: instruments.count), count: slots)
    closedPnL = Array(repeating: 0, count: slots)
    fees = Array(repeating: 0, count: slots)
    trips = Array(repeating: (0, 0, 0, 0, 0), count: slots)
  }

  /// `units` at the instrument's exact precision, in cents, half to even.
  func cents(_ units: Int128, _ instrument: Instrument) -> Int64 {
    let decimals =
      Int(instrument.pricePrecision) + Int(instrument.sizePrecision)
      + Int(instrument.multiplier.precision) - 2
    var value = units
    if decimals < 0 {
      for _ in 0..<(-decimals) { value *= 10 }
      return Int64(value)
    }
    var divisor: Int128 = 1
    for _ in 0..<decimals { divisor *= 10 }
    var quotient = value / divisor
    let remainder = value - quotient * divisor
    let twice = 2 * (remainder < 0 ? -remainder : remainder)
    if twice > divisor || (twice == divisor && quotient % 2 != 0) {
      quotient += value < 0 ? -1 : 1
    }
    return Int64(quotient)
  }

  func flow(_ signedSize: Int64, _ price: Price, _ instrument: Instrument) -> Int128 {
    -Int128(signedSize) * Int128(price.raw) * Int128(instrument.multiplier.raw)
  }

  mutating func apply(_ fill: Fill) {
    let instrument = instruments[Int(fill.instrument)]
    var book = books[fill.slot][Int(fill.instrument)]
    let signed = fill.side.sign * fill.quantity.raw
    fees[fill.slot] += fill.fee.raw
    let opposite = book.quantity != 0 && (book.quantity > 0) != (signed > 0)
    let closing = opposite ? min(abs(signed), abs(book.quantity)) : 0
    if closing > 0 && closing == abs(book.quantity) {
      // Closes the trip; a flip's fee is split by quantity, half-even.
      var closingFee = Int128(fill.fee.raw) * Int128(closing)
      let size = Int128(fill.quantity.raw)
      let (q, r) = closingFee.quotientAndRemainder(dividingBy: size)
      let twice = 2 * (r < 0 ? -r : r)
      closingFee = q + ((twice > size || (twice == size && q % 2 != 0)) ? (r < 0 ? -1 : 1) : 0)
      book.flows += flow(fill.side.sign * closing, fill.price, instrument)
      let pnl = cents(book.flows, instrument)
      let net = pnl - book.fees - Int64(closingFee)
      closedPnL[fill.slot] += pnl
      trips[fill.slot].count += 1
      if net > 0 {
        trips[fill.slot].won += 1
        trips[fill.slot].profit += net
      } else if net < 0 {
        trips[fill.slot].lost += 1
        trips[fill.slot].loss += net
      }
      let rest = abs(signed) - closing
      book = Book(
        quantity: fill.side.sign * rest, flows: flow(fill.side.sign * rest, fill.price, instrument),
        fees: fill.fee.raw - Int64(closingFee))
    } else {
      book.quantity += signed
      book.flows += flow(signed, fill.price, instrument)
      book.fees += fill.fee.raw
    }
    books[fill.slot][Int(fill.instrument)] = book
  }

  /// A slot's equity in cents: capital + closed trips + open trips at the marks − fees.
  func equity(slot: SlotID, capital: Money, marks: [Price]) -> Int64 {
    var total = capital.raw + closedPnL[slot] - fees[slot]
    for (index, book) in books[slot].enumerated() where book.quantity != 0 {
      let instrument = instruments[index]
      total += cents(book.flows - flow(book.quantity, marks[index], instrument), instrument)
    }
    return total
  }
}

@Suite("Portfolio property: random fills keep the books exact")
struct PortfolioPropertyTests {
  @Test(
    "a seeded stream of fills: consistent, and equity equals the cash-flow model",
    arguments: [
      UInt64(1), 42, 2024, 0xDEAD_BEEF,
    ])
  func randomStream(seed: UInt64) throws {
    var random = SplitMix64(seed: seed)
    let instruments = Fixtures.all
    let capital = [usd("100000"), usd("250000.50"), usd("0")]
    var portfolio = try Portfolio(currency: .usd, instruments: instruments, slotCapital: capital)
    var model = CashFlowModel(instruments: instruments, slots: capital.count)
    var marks = [
      Fixtures.spy.px("400.00"), Fixtures.btc.px("60000.0"), Fixtures.es.px("4500.00"),
      Fixtures.odd.px("1.2345"),
    ]
    for (index, mark) in marks.enumerated() { try portfolio.mark(InstrumentID(index), price: mark) }

    func fill(slot: SlotID, instrument: Instrument, side: OrderSide, lots: Int64, fee: Int64)
      -> Fill
    {
      Fill(
        clientOrderID: 1, slot: slot, instrument: instrument.id, side: side,
        quantity: Quantity(raw: lots * instrument.lotSize.raw, precision: instrument.sizePrecision),
        price: marks[Int(instrument.id)], fee: Money(raw: fee, currency: .usd), liquidity: .maker,
        timestamp: 0, tradeID: 0)
    }

    for step in 0..<3_000 {
      let index = Int.random(in: 0..<instruments.count, using: &random)
      let instrument = instruments[index]
      let ticks = Int64.random(in: -3...3, using: &random) * instrument.tickSize.raw
      marks[index].raw = max(instrument.tickSize.raw, marks[index].raw + ticks * 7)
      try portfolio.mark(instrument.id, price: marks[index])
      let slot = Int.random(in: 0..<capital.count, using: &random)
      var side: OrderSide = Bool.random(using: &random) ? .buy : .sell
      var lots = Int64.random(in: 1...(index == 1 ? 2_000 : 40), using: &random)
      let open = portfolio.position(slot: slot, instrument: instrument.id).quantity.raw
      if open != 0 && Int.random(in: 0..<4, using: &random) == 0 {
        side = open > 0 ? .sell : .buy  // close exactly to flat
        lots = abs(open) / instrument.lotSize.raw
      }
      let fee = Int64.random(in: -50...400, using: &random)  // rebates too
      let next = fill(slot: slot, instrument: instrument, side: side, lots: lots, fee: fee)
      _ = try portfolio.apply(next)
      model.apply(next)
      for slot in 0..<capital.count {
        let expected = model.equity(slot: slot, capital: capital[slot], marks: marks)
        #expect(
          portfolio.slotEquity(slot).raw == expected, "seed \(seed) step \(step) slot \(slot)")
      }
      if step % 100 == 0 { #expect(portfolio.checkConsistency() == [], "step \(step)") }
    }

    // Flatten everything at the marks: every amount is now a closed round trip.
    for slot in 0..<capital.count {
      for instrument in instruments {
        let open = portfolio.position(slot: slot, instrument: instrument.id).quantity.raw
        guard open != 0 else { continue }
        let lots = abs(open) / instrument.lotSize.raw
        let closing = fill(
          slot: slot, instrument: instrument, side: open > 0 ? .sell : .buy, lots: lots, fee: 0)
        _ = try portfolio.apply(closing)
        model.apply(closing)
      }
    }
    #expect(portfolio.checkConsistency() == [])
    var total: Int64 = 0
    for slot in 0..<capital.count {
      let ledger = portfolio.ledger(slot)
      let expected = capital[slot].raw + model.closedPnL[slot] - model.fees[slot]
      #expect(ledger.positions.allSatisfy { $0.isFlat })
      #expect(ledger.realizedPnL.raw == model.closedPnL[slot])
      #expect(ledger.fees.raw == model.fees[slot])
      #expect(ledger.cash.raw == expected)
      #expect(portfolio.slotEquity(slot).raw == expected)
      #expect(ledger.roundTrips == model.trips[slot].count)
      #expect(ledger.winningRoundTrips == model.trips[slot].won)
      #expect(ledger.losingRoundTrips == model.trips[slot].lost)
      #expect(ledger.grossProfit.raw == model.trips[slot].profit)
      #expect(ledger.grossLoss.raw == model.trips[slot].loss)
      #expect(ledger.roundTrips > 100)
      total += expected
    }
    #expect(portfolio.equity.raw == total)
    #expect(portfolio.cash.raw == total)
  }
}
