extension Position {
  /// The PnL of the open quantity at `mark`, in the instrument's currency: `quantity × mark ×
  /// multiplier − costBasis`, computed from the exact basis. It is exactly the realized PnL that
  /// closing the whole position at `mark` would book (so equity does not jump when a position
  /// is closed at its mark, fees aside); that is the exact value rounded half to even, within
  /// one currency unit of rounding it alone. Zero when flat. Pure, allocation-free.
  public func unrealizedPnL(mark: Price, instrument: Instrument) -> Money {
    guard quantity.raw != 0 else { return .zero(instrument.currency) }
    let units = LedgerUnits(instrument)
    let open = units.value(price: mark, quantity: quantity.raw) - costBasis
    return units.money(roundTripPnL + open) - units.money(roundTripPnL)
  }

  /// The signed value of the open quantity at `mark` (`quantity × mark × multiplier`, rounded
  /// half to even to the currency's precision; negative when short). Pure, allocation-free.
  public func marketValue(mark: Price, instrument: Instrument) -> Money {
    let units = LedgerUnits(instrument)
    return units.money(units.value(price: mark, quantity: quantity.raw))
  }
}
