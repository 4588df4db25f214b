extension Position {
  /// The PnL of the open quantity at `mark`, in the instrument's currency: `quantity × mark ×
  /// multiplier − costBasis`, computed from the exact basis. It is exactly the realized PnL that
  /// closing the whole position at `mark` would book (so equity does not jump when a position
  /// is closed at its mark, fees aside); that is the exact value rounded half to even, within
  /// one currency unit of rounding it alone. Zero when flat. `nil` when it does not fit: the
  /// portfolio refuses every fill and mark after which it would not (`Portfolio.mark`), so
  /// for a position in a portfolio at its marks it always fits. Pure, allocation-free.
  public func unrealizedPnL(mark: Price, instrument: Instrument) -> Money? {
    guard quantity.raw != 0 else { return .zero(instrument.currency) }
    let units = LedgerUnits(instrument)
    guard let value = units.value(price: mark, quantity: quantity.raw) else { return nil }
    let (open, overflow1) = value.subtractingReportingOverflow(costBasis)
    let (total, overflow2) = roundTripPnL.addingReportingOverflow(open)
    guard !overflow1, !overflow2, let now = units.money(total),
      let booked = units.money(roundTripPnL)
    else { return nil }
    return now.subtracting(booked)
  }

  /// The signed value of the open quantity at `mark` (`quantity × mark × multiplier`, rounded
  /// half to even to the currency's precision; negative when short); `nil` when it does not
  /// fit (never for a position in a portfolio at its marks). Pure, allocation-free.
  public func marketValue(mark: Price, instrument: Instrument) -> Money? {
    let units = LedgerUnits(instrument)
    return units.value(price: mark, quantity: quantity.raw).flatMap { units.money($0) }
  }
}
