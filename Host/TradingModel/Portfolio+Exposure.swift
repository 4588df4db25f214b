extension Portfolio {
  /// The sum of the absolute market values of `slot`'s positions at the marks (at the average
  /// open price where an instrument has no mark yet). Allocation-free.
  public func grossExposure(slot: SlotID) -> Money {
    var total = Money.zero(currency)
    for position in ledgers[slot].positions where !position.isFlat {
      total = Self.bounded(total.adding(Money(raw: abs(marketValue(of: position).raw), currency: currency)))
    }
    return total
  }

  /// The sum of the signed market values of `slot`'s positions (long minus short) at the marks.
  /// Allocation-free.
  public func netExposure(slot: SlotID) -> Money {
    var total = Money.zero(currency)
    for position in ledgers[slot].positions where !position.isFlat {
      total = Self.bounded(total.adding(marketValue(of: position)))
    }
    return total
  }

  /// `position`'s signed market value at its instrument's mark (or its average open price).
  private func marketValue(of position: Position) -> Money {
    let index = Int(position.instrument)
    let mark = marks[index] ?? position.averageOpenPrice
    // At a mark, within the limit by the ledger's invariant; at the average open price, within
    // it as the cost basis is.
    return Self.bounded(position.marketValue(mark: mark, instrument: instruments[index]))
  }
}
