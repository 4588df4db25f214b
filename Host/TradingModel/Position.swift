/// One slot's position in one instrument, NETTING style (one signed quantity; a fill of the
/// other side reduces, closes or flips it), with exact accounting. A value type; every method is
/// pure and allocation-free; usable from any thread (the kernel keeps it on its event loop).
///
/// Exactness: the cost basis of the open quantity is kept exactly, in `LedgerUnits` (a whole
/// number of `10^-e` currency units with `e` at least the precision of `price × size ×
/// multiplier` and six decimals finer than the currency). A close of the whole position removes
/// the whole basis; a partial close of `c` out of `q` removes `basis × c / q`, rounded half to
/// even to that fine unit (average-cost method: the rest keeps the average open price). Each
/// round trip keeps its running PnL in that unit; a fill books the change of that PnL rounded
/// half to even to the currency's precision. So realized PnL is rounded once per round trip,
/// not once per close: a round trip's closes add up to its exact PnL (its exit minus entry
/// notionals, the basis splits cancel out) rounded half to even once. `averageOpenPrice` is the
/// exact basis divided by the open quantity, rounded half to even to the instrument's price
/// precision: for display and orders, never for PnL.
///
/// Fills must be for this position's instrument, at its size precision, with fees in its
/// currency; anything else is a programming error (a precondition).
public struct Position: Sendable, Hashable {
  /// The slot that owns it.
  public let slot: SlotID
  /// The instrument.
  public let instrument: InstrumentID
  /// The signed open quantity (negative: short), at the instrument's size precision.
  public internal(set) var quantity: Quantity
  /// The average price of the open quantity (see above); zero when flat.
  public internal(set) var averageOpenPrice: Price
  /// Realized PnL of every close so far, before fees.
  public internal(set) var realizedPnL: Money
  /// Fees of every fill so far.
  public internal(set) var fees: Money
  /// When the open round trip started (ns); 0 when flat.
  public internal(set) var openedAt: Int64
  /// How many round trips closed.
  public internal(set) var roundTrips: Int
  /// How many fills were applied.
  public internal(set) var fillCount: Int

  /// Exact cost of the open quantity in ledger units, with the quantity's sign.
  var costBasis: Int128
  /// Exact realized PnL of the open round trip so far, in ledger units.
  var roundTripPnL: Int128
  /// Fees of the open round trip so far (entry fees and partial exits).
  var roundTripFees: Money

  /// A flat position of `slot` in `instrument`.
  public init(slot: SlotID, instrument: Instrument) {
    self.slot = slot
    self.instrument = instrument.id
    self.quantity = .zero(precision: instrument.sizePrecision)
    self.averageOpenPrice = .zero(precision: instrument.pricePrecision)
    self.realizedPnL = .zero(instrument.currency)
    self.fees = .zero(instrument.currency)
    self.openedAt = 0
    self.roundTrips = 0
    self.fillCount = 0
    self.costBasis = 0
    self.roundTripPnL = 0
    self.roundTripFees = .zero(instrument.currency)
  }

  /// No open quantity.
  @inlinable
  public var isFlat: Bool { quantity.raw == 0 }

  /// Applies a fill: opens or adds at its price, or reduces, closes or flips the position and
  /// books the realized PnL (see the type's comment for the rounding). `instrument` must be this
  /// position's. Checked: when the quantity, the cost basis, the value at the fill's price or
  /// at `mark`, the unrealized PnL at `mark`, the realized PnL or the fees would exceed `limit`
  /// (raw units of the currency) or any integer's range, it throws and the position is left
  /// exactly as it was. Allocation-free.
  public mutating func apply(
    _ fill: Fill, instrument: Instrument, limit: Int64 = .max, mark: Price? = nil
  ) throws(LedgerOverflow) -> PositionChange {
    precondition(fill.instrument == self.instrument && instrument.id == self.instrument)
    precondition(fill.quantity.raw > 0 && fill.quantity.precision == quantity.precision)
    var next = self
    let change = try next.applyChecked(fill, units: LedgerUnits(instrument), limit: limit)
    try next.checkValue(at: mark ?? fill.price, units: LedgerUnits(instrument), limit: limit)
    self = next
    return change
  }

  /// Throws when the position's value or unrealized PnL at `mark` would exceed `limit` (a mark
  /// the ledger must refuse). Pure, allocation-free.
  public func checkMark(_ mark: Price, instrument: Instrument, limit: Int64) throws(LedgerOverflow)
  {
    guard quantity.raw != 0 else { return }
    try checkValue(at: mark, units: LedgerUnits(instrument), limit: limit)
  }

  private func checkValue(at mark: Price, units: LedgerUnits, limit: Int64) throws(LedgerOverflow) {
    guard quantity.raw != 0 else { return }
    guard let value = units.value(price: mark, quantity: quantity.raw),
      let money = units.money(value), money.isWithin(limit)
    else { throw .positionValue }
    let (open, overflow1) = value.subtractingReportingOverflow(costBasis)
    let (total, overflow2) = roundTripPnL.addingReportingOverflow(open)
    guard !overflow1, !overflow2, let pnl = units.money(total), pnl.isWithin(limit) else {
      throw .unrealizedPnL
    }
  }

  /// `apply` on a copy: every step checked, thrown out of before the caller commits.
  private mutating func applyChecked(_ fill: Fill, units: LedgerUnits, limit: Int64)
    throws(LedgerOverflow) -> PositionChange
  {
    let before = quantity
    let signed = fill.side.sign * fill.quantity.raw
    var realized = Money.zero(units.currency)
    var closed: RoundTrip?
    fees = try Self.checked(fees.adding(fill.fee), limit, .fees)
    fillCount += 1
    if before.raw == 0 || (before.raw > 0) == (signed > 0) {
      if before.raw == 0 { openedAt = fill.timestamp }
      guard let added = units.value(price: fill.price, quantity: signed) else {
        throw .positionValue
      }
      let (basis, overflow) = costBasis.addingReportingOverflow(added)
      if overflow { throw .positionValue }
      costBasis = basis
      roundTripFees = try Self.checked(roundTripFees.adding(fill.fee), limit, .fees)
    } else {
      (realized, closed) = try reduce(by: fill, units: units, limit: limit)
    }
    let (after, overflow) = before.raw.addingReportingOverflow(signed)
    if overflow || after == .min { throw .quantity }
    quantity = Quantity(raw: after, precision: before.precision)
    guard let basisMoney = units.money(costBasis), basisMoney.isWithin(limit),
      let average = units.averagePrice(basis: costBasis, quantity: quantity.raw)
    else { throw .positionValue }
    averageOpenPrice = average
    return PositionChange(
      realizedPnL: realized, quantityBefore: before, quantityAfter: quantity, roundTrip: closed)
  }

  /// `amount` when it exists and is within `limit`, else `overflow`.
  @inline(__always)
  private static func checked(_ amount: Money?, _ limit: Int64, _ overflow: LedgerOverflow)
    throws(LedgerOverflow) -> Money
  {
    guard let amount, amount.isWithin(limit) else { throw overflow }
    return amount
  }

  /// The reducing part of `apply`: closes `min(fill, open)` at the fill's price, books the
  /// change of the round trip's rounded PnL, and on a full close ends the round trip (opening
  /// the next with the rest of a flipping fill). Leaves `quantity` to the caller.
  private mutating func reduce(by fill: Fill, units: LedgerUnits, limit: Int64)
    throws(LedgerOverflow) -> (Money, RoundTrip?)
  {
    let open = abs(quantity.raw)
    let size = fill.quantity.raw
    let closing = min(size, open)
    // |costBasis × closing| < 2^127 needs a check; the quotient is at most |costBasis|.
    let removed: Int128
    if closing == open {
      removed = costBasis
    } else {
      let (product, overflow) = costBasis.multipliedReportingOverflow(by: Int128(closing))
      if overflow { throw .positionValue }
      removed = FixedPoint.divideRoundingHalfEven(product, by: Int128(open))
    }
    guard let exit = units.value(price: fill.price, quantity: quantity.raw > 0 ? closing : -closing)
    else { throw .positionValue }
    costBasis -= removed  // |removed| <= |costBasis|, same sign: no overflow
    guard let booked = units.money(roundTripPnL) else { throw .realizedPnL }
    let (gain, overflow1) = exit.subtractingReportingOverflow(removed)
    let (tripPnL, overflow2) = roundTripPnL.addingReportingOverflow(gain)
    guard !overflow1, !overflow2, let tripMoney = units.money(tripPnL), tripMoney.isWithin(limit),
      let realized = tripMoney.subtracting(booked)
    else { throw .realizedPnL }
    roundTripPnL = tripPnL
    realizedPnL = try Self.checked(realizedPnL.adding(realized), limit, .realizedPnL)
    // A flipping fill's fee is split by quantity between the trip it closes and the next.
    var closingFee = fill.fee
    if closing < size {
      // |fee × closing / size| <= |fee|: fits.
      closingFee.raw = Int64(
        FixedPoint.divideRoundingHalfEven(Int128(fill.fee.raw) * Int128(closing), by: Int128(size)))
    }
    roundTripFees = try Self.checked(roundTripFees.adding(closingFee), limit, .fees)
    guard closing == open else { return (realized, nil) }
    let trip = RoundTrip(
      side: quantity.raw > 0 ? .buy : .sell, openedAt: openedAt, closedAt: fill.timestamp,
      grossPnL: tripMoney, fees: roundTripFees)
    roundTrips += 1
    roundTripPnL = 0
    roundTripFees = try Self.checked(fill.fee.subtracting(closingFee), limit, .fees)
    openedAt = closing < size ? fill.timestamp : 0
    guard let rest = units.value(price: fill.price, quantity: fill.side.sign * (size - closing))
    else { throw .positionValue }
    costBasis = rest
    return (realized, trip)
  }
}
