/// One account in one currency, split into a sub-ledger per strategy slot (`SlotLedger`), with
/// the last mark price of every instrument. A value type; `apply` and `mark` are
/// allocation-free (everything is sized for the run's instruments and slots up front); the
/// queries allocate nothing either, except `checkConsistency`. Usable from any thread; the
/// kernel owns it on its event loop.
///
/// Accounting convention (a margin account with leverage 1, as NautilusTrader's margin account,
/// so the numbers match it):
/// - `cash = starting capital + realized PnL − fees`: opening or adding to a position does not
///   move cash; realized PnL is booked when a position is reduced, closed or flipped.
/// - `equity = cash + unrealized PnL` of every open position at the instruments' mark prices.
/// - A slot's cash and equity follow the same rules within its sub-ledger; the account keeps its
///   own running totals, which `checkConsistency()` compares with the sum of the slots.
/// - An instrument with no mark yet contributes no unrealized PnL, and its positions count at
///   their average open price in exposures.
/// - An off-book slot (a shadow slot: it trades on paper beside the account) keeps its own
///   sub-ledger by the same rules, but none of its capital, fills or positions count in the
///   account's totals, equity or exposures.
/// All amounts are exact (see `Position` for the one rounding per round trip).
///
/// Overflow: every fill and mark is checked, never clamped, never trapped. Each amount the
/// ledger keeps per position and per slot (a position's value, basis and unrealized PnL; a
/// slot's cash, realized PnL, fees) must stay within `amountLimit` = `Int64.max / (4 × slots ×
/// (instruments + 1))` raw currency units (for one slot and one instrument in cents, about
/// 11.5 quadrillion dollars), so that every sum the account reports (equity, cash, exposures)
/// fits exactly in `Money`. A fill or a mark that would break that is refused
/// (`LedgerOverflow`) and leaves the books exactly as they were.
public struct Portfolio: Sendable {
  /// The account's currency.
  public let currency: Currency
  /// The run's instruments, indexed by `InstrumentID`.
  public let instruments: [Instrument]
  /// The account's starting cash: the sum of the on-book slots' capital.
  public let startingCash: Money
  /// `startingCash + realizedPnL − fees` (the account's own running total).
  public private(set) var cash: Money
  /// Realized PnL of every slot, before fees (the account's own running total).
  public private(set) var realizedPnL: Money
  /// Fees of every fill (the account's own running total).
  public private(set) var fees: Money
  /// Fills applied.
  public private(set) var fills: Int
  /// The sub-ledgers, indexed by `SlotID`.
  var ledgers: [SlotLedger]
  /// The last mark price per instrument, `nil` before the first.
  var marks: [Price?]
  /// Whether each slot counts in the account (`false`: an off-book shadow slot).
  let onBook: [Bool]
  /// The largest magnitude (raw currency units) of any per-position or per-slot amount (see
  /// the type's comment): sums over every slot and instrument then fit in `Money`.
  public let amountLimit: Int64

  /// An account whose slot `i` starts with `slotCapital[i]`; the slots in `offBook` keep their
  /// sub-ledgers outside the account (shadow slots). Throws every problem at once: no
  /// slots, instrument ids that are not their index, or an instrument or a slot capital in
  /// another currency than `currency`.
  public init(
    currency: Currency, instruments: [Instrument], slotCapital: [Money],
    offBook: Set<SlotID> = []
  ) throws(PortfolioError) {
    var problems: [PortfolioError.Problem] = slotCapital.isEmpty ? [.noSlots] : []
    for (index, instrument) in instruments.enumerated() {
      if Int(instrument.id) != index {
        problems.append(.instrumentIndex(index: index, id: instrument.id))
      }
      if instrument.currency != currency {
        problems.append(
          .instrumentCurrency(
            symbol: instrument.qualifiedSymbol, currency: instrument.currency, account: currency))
      }
    }
    for (slot, capital) in slotCapital.enumerated() where capital.currency != currency {
      problems.append(.capitalCurrency(slot: slot, currency: capital.currency, account: currency))
    }
    let terms = 4 * Int128(max(slotCapital.count, 1)) * Int128(instruments.count + 1)
    let limit = Int64(Int128(Int64.max) / terms)
    if slotCapital.contains(where: { !$0.isWithin(limit) }) {
      problems.append(.capitalOutOfRange(limit: Money(raw: limit, currency: currency)))
    }
    guard problems.isEmpty else { throw PortfolioError(problems: problems) }
    self.amountLimit = limit
    self.currency = currency
    self.instruments = instruments
    self.onBook = slotCapital.indices.map { !offBook.contains($0) }
    self.startingCash = slotCapital.indices.filter { !offBook.contains($0) }.reduce(
      .zero(currency)
    ) { $0 + slotCapital[$1] }
    self.cash = startingCash
    self.realizedPnL = .zero(currency)
    self.fees = .zero(currency)
    self.fills = 0
    self.ledgers = slotCapital.enumerated().map { slot, capital in
      SlotLedger(slot: slot, startingCapital: capital, instruments: instruments)
    }
    self.marks = Array(repeating: nil, count: instruments.count)
  }

  /// How many slots.
  public var slotCount: Int { ledgers.count }

  /// Whether `slot` counts in the account (`false` for an off-book shadow slot).
  public func isOnBook(_ slot: SlotID) -> Bool { onBook[slot] }

  /// Applies a fill to its slot's position and, for an on-book slot, to the account's totals.
  /// The fill's slot and instrument must exist and its fee be in the account's currency
  /// (preconditions). Checked: when any amount would exceed `amountLimit` (the position at the
  /// fill's price and at the instrument's mark, the slot's and the account's totals), it
  /// throws and nothing changes. Allocation-free.
  public mutating func apply(_ fill: Fill) throws(LedgerOverflow) -> PositionChange {
    let instrument = instruments[Int(fill.instrument)]
    // Computed on the ledger in place and committed in place: a copy of the ledger taken out of
    // `ledgers` would share its position array, and the commit would copy it (an allocation
    // per fill).
    let booked = try ledgers[fill.slot].booking(
      fill, instrument: instrument, limit: amountLimit, mark: marks[Int(fill.instrument)])
    let change = booked.change
    guard onBook[fill.slot] else {
      ledgers[fill.slot].commit(booked)
      return change
    }
    // Each slot's amounts are within the limit, so the account's sums fit; checked anyway.
    guard let newFees = fees.adding(fill.fee) else { throw .fees }
    guard let newRealized = realizedPnL.adding(change.realizedPnL) else { throw .realizedPnL }
    guard let newCash = change.realizedPnL.subtracting(fill.fee).flatMap({ cash.adding($0) })
    else { throw .cash }
    ledgers[fill.slot].commit(booked)
    fills += 1
    fees = newFees
    realizedPnL = newRealized
    cash = newCash
    return change
  }

  /// Records the last price of `instrument`, the one unrealized PnL and exposures use.
  /// Checked: when any slot's position in it would be worth more than `amountLimit` at
  /// `price` (its value or its unrealized PnL), it throws and the previous mark stays.
  /// O(slots), allocation-free.
  public mutating func mark(_ instrument: InstrumentID, price: Price) throws(LedgerOverflow) {
    let index = Int(instrument)
    for slot in ledgers.indices where !ledgers[slot].positions[index].isFlat {
      try ledgers[slot].positions[index].checkMark(
        price, instrument: instruments[index], limit: amountLimit)
    }
    marks[index] = price
  }

  /// The last mark of `instrument`, `nil` before the first.
  public func markPrice(_ instrument: InstrumentID) -> Price? { marks[Int(instrument)] }

  /// `slot`'s position in `instrument`.
  public func position(slot: SlotID, instrument: InstrumentID) -> Position {
    ledgers[slot].positions[Int(instrument)]
  }

  /// `slot`'s sub-ledger (a copy). Copy-on-write: keeping the copy alive across the next
  /// `apply` to that slot makes that apply copy the slot's positions once (an allocation).
  public func ledger(_ slot: SlotID) -> SlotLedger { ledgers[slot] }

  /// `slot`'s cash: its capital + realized PnL − fees.
  public func slotCash(_ slot: SlotID) -> Money { ledgers[slot].cash }

  /// `slot`'s unrealized PnL at the marks. Fits by the ledger's invariant (every fill and mark
  /// checked against `amountLimit`).
  public func slotUnrealizedPnL(_ slot: SlotID) -> Money {
    Self.bounded(ledgers[slot].unrealizedPnL(instruments: instruments, marks: marks))
  }

  /// `slot`'s equity: its cash + unrealized PnL at the marks.
  public func slotEquity(_ slot: SlotID) -> Money {
    Self.bounded(slotCash(slot).adding(slotUnrealizedPnL(slot)))
  }

  /// The account's unrealized PnL at the marks (every on-book slot's positions), summed in 128
  /// bits.
  public var unrealizedPnL: Money {
    var total: Int128 = 0
    // By index: each ledger is borrowed in place, not copied (no retain per event).
    for index in ledgers.indices where onBook[index] {
      total += Int128(slotUnrealizedPnL(index).raw)
    }
    return Self.bounded(Int64(exactly: total).map { Money(raw: $0, currency: currency) })
  }

  /// The account's equity: its cash + unrealized PnL at the marks.
  public var equity: Money { Self.bounded(cash.adding(unrealizedPnL)) }

  /// A sum the ledger's invariant keeps in range: every amount per position and slot is within
  /// `amountLimit`, so a sum of at most `4 × slots × (instruments + 1)` of them fits. A `nil`
  /// here is a broken invariant (a programming error), never an input.
  @inline(__always)
  public static func bounded(_ amount: Money?) -> Money {
    guard let amount else { preconditionFailure("ledger invariant: a bounded sum overflowed") }
    return amount
  }
}
