import TradingModel

/// The tracker's price levels and ladder quantities, in raw units (a price at the instrument's
/// price precision, a quantity at its size precision). No allocation.
extension ExitTracker {
  /// +1 for a long, -1 for a short (only meaningful while a trade is open).
  var direction: Int64 { position.raw < 0 ? -1 : 1 }

  /// `raw` moved by `ticks` ticks (signed), saturating at the ends of `Int64`.
  func offset(_ raw: Int64, ticks: Int64) -> Int64 {
    let (sum, overflow) = raw.addingReportingOverflow(ticks * tick)
    return overflow ? (ticks < 0 ? .min : .max) : sum
  }

  /// The tighter of two stop levels: the higher for a long, the lower for a short.
  func tighterStop(_ lhs: Int64, _ rhs: Int64) -> Int64 {
    direction > 0 ? max(lhs, rhs) : min(lhs, rhs)
  }

  /// A distance in price units as whole ticks, rounded toward zero, at least one.
  func ticksBelow(_ distance: Double) -> Int64 {
    max(1, WholeUnits.floor(distance / tickValue, limit: maximumTicks))
  }

  /// Places the initial stop (and so R) `k * atr` from the entry, if there is a stop rule, an
  /// entry, a usable ATR and no stop yet.
  mutating func placeStop(atr: Double?) {
    guard riskTicks == 0, let rule = rules.stopLoss, let entry = entryPrice, let atr,
      atr.isFinite, atr > 0
    else { return }
    riskTicks = ticksBelow(rule.atrMultiple * atr)
    stopLossPrice = Price(
      raw: offset(entry.raw, ticks: -direction * riskTicks), precision: pricePrecision)
  }

  /// Moves the trailing stop to its distance behind `best`, if that is tighter than where it is.
  mutating func updateTrailingStop(atr: Double?) {
    guard let rule = rules.trailingStop, entryPrice != nil else { return }
    let distance: Double
    switch rule {
    case .atrMultiple(let multiple):
      guard let atr, atr.isFinite, atr > 0 else { return }
      distance = multiple * atr
    case .fraction(let fraction):
      distance = abs(Double(best)) / Double(FixedPoint.scale(pricePrecision)) * fraction
    }
    let candidate = offset(best, ticks: -direction * ticksBelow(distance))
    let level = trailingStopPrice.map { tighterStop($0.raw, candidate) } ?? candidate
    trailingStopPrice = Price(raw: level, precision: pricePrecision)
  }

  /// Rung `rung`'s target (raw): `rMultiple * R` from the entry, rounded up to ticks. Requires
  /// an entry, R and the rung.
  func targetRaw(rung: Int) -> Int64 {
    let multiple = rules.takeProfit!.rungs[rung].rMultiple
    let ticks = max(1, WholeUnits.ceil(multiple * Double(riskTicks), limit: maximumTicks))
    return offset(entryPrice!.raw, ticks: direction * ticks)
  }

  /// Rung `rung`'s planned quantity (raw): its fraction of `entryQuantity` rounded down to lots,
  /// never more than the earlier rungs leave; the last rung gets the remainder.
  func plannedRaw(rung: Int) -> Int64 {
    let rungs = rules.takeProfit!.rungs
    let total = entryQuantity.raw
    var used: Int64 = 0
    for index in 0..<(rungs.count - 1) {
      let lots = WholeUnits.floor(
        Double(total) * rungs[index].fraction / Double(lot), limit: total / lot)
      let share = min(lots * lot, total - used)
      if index == rung { return share }
      used += share
    }
    return total - used
  }
}
