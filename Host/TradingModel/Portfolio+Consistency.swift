extension Portfolio {
  /// Every broken invariant, as a sentence; empty when the books agree. Checks that the
  /// account's cash, realized PnL, fees, fills and equity equal the sums over its slots; that the
  /// account's and each slot's cash equal starting capital + realized PnL − fees; that each
  /// slot's realized PnL and fees equal the sums over its positions; and that each slot's
  /// round-trip statistics add up. Allocates (strings): for tests, audits and the end of a run,
  /// not the hot path.
  public func checkConsistency() -> [String] {
    var problems: [String] = []
    func expect(_ actual: Money, _ expected: Money, _ what: String) {
      if actual != expected { problems.append("\(what): \(actual), expected \(expected)") }
    }
    let zero = Money.zero(currency)
    var slotCash = zero
    var slotRealized = zero
    var slotFees = zero
    var slotEquity = zero
    var slotFills = 0
    for slot in 0..<slotCount {
      let ledger = ledgers[slot]
      if onBook[slot] {
        slotCash += ledger.cash
        slotRealized += ledger.realizedPnL
        slotFees += ledger.fees
        slotEquity += self.slotEquity(slot)
        slotFills += ledger.fills
      }
      expect(
        ledger.cash, ledger.startingCapital + ledger.realizedPnL - ledger.fees,
        "slot \(slot) cash (starting capital + realized PnL − fees)")
      expect(
        ledger.realizedPnL, ledger.positions.reduce(zero) { $0 + $1.realizedPnL },
        "slot \(slot) realized PnL (sum of its positions)")
      expect(
        ledger.fees, ledger.positions.reduce(zero) { $0 + $1.fees },
        "slot \(slot) fees (sum of its positions)")
      let trips = ledger.positions.reduce(0) { $0 + $1.roundTrips }
      let decided = ledger.winningRoundTrips + ledger.losingRoundTrips
      if trips != ledger.roundTrips || decided > trips {
        problems.append(
          "slot \(slot) round trips: \(ledger.roundTrips) (\(ledger.winningRoundTrips) won, "
            + "\(ledger.losingRoundTrips) lost), its positions closed \(trips)")
      }
      if ledger.grossProfit.raw < 0 || ledger.grossLoss.raw > 0 {
        problems.append(
          "slot \(slot): gross profit \(ledger.grossProfit) must be >= 0 and gross loss "
            + "\(ledger.grossLoss) <= 0")
      }
    }
    expect(cash, startingCash + realizedPnL - fees, "account cash (starting + realized − fees)")
    expect(cash, slotCash, "account cash (sum of the on-book slots)")
    expect(realizedPnL, slotRealized, "account realized PnL (sum of the on-book slots)")
    expect(fees, slotFees, "account fees (sum of the on-book slots)")
    expect(equity, slotEquity, "account equity (sum of the on-book slots)")
    if fills != slotFills {
      problems.append("account fills: \(fills), the slots have \(slotFills)")
    }
    return problems
  }
}
