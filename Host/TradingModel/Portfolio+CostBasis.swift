extension Portfolio {
  /// What `slot`'s long positions cost (their exact cost basis, fees apart), in units of
  /// `10^-exponent` of the currency; `exponent` must be at least every instrument's ledger
  /// unit (`max(price + size + multiplier decimals, currency decimals + 6)`), so the sum is
  /// exact. `nil` when it does not fit in `Int128` (never for a position the ledger holds and
  /// an exponent below 20). A cash account's spendable cash is the slot's cash minus this.
  /// O(instruments), allocation-free.
  public func longCostBasis(slot: SlotID, exponent: Int) -> Int128? {
    var total: Int128 = 0
    for index in instruments.indices {
      let basis = ledgers[slot].positions[index].costBasis
      guard basis > 0 else { continue }
      let shift = exponent - LedgerUnits(instruments[index]).exponent
      guard shift >= 0, let scaled = LedgerUnits.shifted(basis, by: shift) else { return nil }
      let (sum, overflow) = total.addingReportingOverflow(scaled)
      if overflow { return nil }
      total = sum
    }
    return total
  }

  /// The finest ledger unit of the run's instruments (`LedgerUnits.exponent`): the exponent
  /// `longCostBasis` needs at least.
  public var ledgerExponent: Int {
    instruments.reduce(Int(currency.precision) + LedgerUnits.guardDigits) {
      max($0, LedgerUnits($1).exponent)
    }
  }
}
