/// One strategy slot's sub-ledger of the account: its cash, a position per instrument, and the
/// statistics of its closed round trips. A value type; `apply` is allocation-free (the position
/// array is sized for every instrument of the run up front); usable from any thread (the kernel
/// keeps it on its event loop, inside `Portfolio`).
///
/// Accounting (as `Portfolio`): `cash = startingCapital + realizedPnL − fees`; opening a position
/// does not move cash. Round-trip statistics use each round trip's net PnL (gross minus its
/// entry and exit fees, see `RoundTrip`): a round trip wins when that is positive and loses when
/// it is negative (zero is neither); `grossProfit` is the sum of the winners' net PnL (>= 0) and
/// `grossLoss` the sum of the losers' (<= 0), so `grossProfit + grossLoss` is the net PnL of all
/// closed round trips.
public struct SlotLedger: Sendable, Hashable {
  /// The slot.
  public let slot: SlotID
  /// The capital the slot started with.
  public let startingCapital: Money
  /// `startingCapital + realizedPnL − fees`.
  public internal(set) var cash: Money
  /// One position per instrument, indexed by `InstrumentID`.
  public internal(set) var positions: [Position]
  /// Realized PnL of all closes, before fees.
  public internal(set) var realizedPnL: Money
  /// Fees of all fills.
  public internal(set) var fees: Money
  /// Closed round trips.
  public internal(set) var roundTrips: Int
  /// Closed round trips with a positive net PnL.
  public internal(set) var winningRoundTrips: Int
  /// Closed round trips with a negative net PnL.
  public internal(set) var losingRoundTrips: Int
  /// Sum of the winning round trips' net PnL (>= 0).
  public internal(set) var grossProfit: Money
  /// Sum of the losing round trips' net PnL (<= 0).
  public internal(set) var grossLoss: Money
  /// Fills applied.
  public internal(set) var fills: Int

  /// An empty ledger holding `startingCapital`, with a flat position for every instrument
  /// (`instruments[i].id` must be `i`). The capital's currency is the ledger's.
  public init(slot: SlotID, startingCapital: Money, instruments: [Instrument]) {
    let zero = Money.zero(startingCapital.currency)
    self.slot = slot
    self.startingCapital = startingCapital
    self.cash = startingCapital
    self.positions = instruments.map { Position(slot: slot, instrument: $0) }
    self.realizedPnL = zero
    self.fees = zero
    self.roundTrips = 0
    self.winningRoundTrips = 0
    self.losingRoundTrips = 0
    self.grossProfit = zero
    self.grossLoss = zero
    self.fills = 0
  }

  /// Applies a fill of this slot to its position in `instrument` and books the realized PnL,
  /// the fee and a closed round trip. Checked: when the position (see `Position.apply`, at
  /// `mark` too) or any of the slot's amounts would exceed `limit` (raw currency units), it
  /// throws and the ledger is left exactly as it was. Allocation-free when the ledger is
  /// mutated in place (`ledgers[slot].apply(...)`, not a copy taken out of an array, whose
  /// position array would be copied on write).
  public mutating func apply(
    _ fill: Fill, instrument: Instrument, limit: Int64 = .max, mark: Price? = nil
  ) throws(LedgerOverflow) -> PositionChange {
    let booked = try booking(fill, instrument: instrument, limit: limit, mark: mark)
    commit(booked)
    return booked.change
  }

  /// What `apply` would make of the fill, every amount checked, with the ledger unchanged: a
  /// caller with checks of its own (`Portfolio`'s account) runs them on it, then `commit`s it.
  /// Allocation-free.
  public func booking(
    _ fill: Fill, instrument: Instrument, limit: Int64 = .max, mark: Price? = nil
  ) throws(LedgerOverflow) -> Booking {
    precondition(fill.slot == slot, "a fill of slot \(fill.slot) applied to slot \(slot)")
    let index = Int(fill.instrument)
    var position = positions[index]
    let change = try position.apply(fill, instrument: instrument, limit: limit, mark: mark)
    func checked(_ amount: Money?, _ overflow: LedgerOverflow) throws(LedgerOverflow) -> Money {
      guard let amount, amount.isWithin(limit) else { throw overflow }
      return amount
    }
    var booked = Booking(
      index: index, position: position, change: change,
      fees: try checked(fees.adding(fill.fee), .fees),
      realizedPnL: try checked(realizedPnL.adding(change.realizedPnL), .realizedPnL),
      cash: try checked(
        change.realizedPnL.subtracting(fill.fee).flatMap { cash.adding($0) }, .cash),
      grossProfit: grossProfit, grossLoss: grossLoss)
    if let trip = change.roundTrip {
      let net = try checked(trip.grossPnL.subtracting(trip.fees), .realizedPnL)
      if net.raw > 0 {
        booked.won = 1
        booked.grossProfit = try checked(grossProfit.adding(net), .realizedPnL)
      } else if net.raw < 0 {
        booked.lost = 1
        booked.grossLoss = try checked(grossLoss.adding(net), .realizedPnL)
      }
    }
    return booked
  }

  /// Books what `booking` computed on this ledger (unchanged since). Allocation-free in place.
  public mutating func commit(_ booked: Booking) {
    positions[booked.index] = booked.position
    fills += 1
    fees = booked.fees
    realizedPnL = booked.realizedPnL
    cash = booked.cash
    if booked.change.roundTrip != nil { roundTrips += 1 }
    winningRoundTrips += booked.won
    losingRoundTrips += booked.lost
    grossProfit = booked.grossProfit
    grossLoss = booked.grossLoss
  }

  /// A fill's effect on one ledger, computed and checked (`booking`), not yet applied.
  public struct Booking: Sendable {
    let index: Int
    let position: Position
    /// What the fill does to the position.
    public let change: PositionChange
    let fees: Money
    let realizedPnL: Money
    let cash: Money
    var grossProfit: Money
    var grossLoss: Money
    var won = 0
    var lost = 0
  }

  /// The unrealized PnL of every position at `marks` (indexed by `InstrumentID`); a position
  /// whose instrument has no mark yet counts zero. Summed in 128 bits; `nil` when a term or
  /// the total does not fit in `Money` (never inside a `Portfolio`, which refuses the fills and
  /// marks that would make it so). Allocation-free.
  public func unrealizedPnL(instruments: [Instrument], marks: [Price?]) -> Money? {
    var total: Int128 = 0
    for position in positions where !position.isFlat {
      let index = Int(position.instrument)
      guard let mark = marks[index] else { continue }
      guard let pnl = position.unrealizedPnL(mark: mark, instrument: instruments[index]) else {
        return nil
      }
      total += Int128(pnl.raw)
    }
    return Int64(exactly: total).map { Money(raw: $0, currency: startingCapital.currency) }
  }
}
