import TradingModel

extension AccountGuard {
  /// Whether the account model lets `order` (approved by the gate, about to be routed) go to
  /// its venue: `nil`, or the denial (17 cash short, 18 short sale, 19 leverage; 15 when an
  /// amount does not fit). `price` is what the order is valued at (its limit or trigger price,
  /// the last price for a market order; raw, never 0); `equity` the scope's equity: the
  /// account's for an on-book slot, the slot's own for an off-book one.
  ///
  /// [kernel-thread] Allocation-free: O(instruments) for a cash account's buy and O(slots ×
  /// instruments) for a margin account's order that adds exposure; O(1) otherwise.
  func denial(
    _ order: Order, price: Int64, portfolio: Portfolio, equity: Money, lastPrices: [Int64]
  ) -> DenialReason? {
    // The working total on the order's side must stay in range once it is routed.
    let cell = order.slot * instrumentCount + Int(order.instrument)
    let working = order.side == .buy ? workingBuys[cell] : workingSells[cell]
    if working.addingReportingOverflow(order.quantity.raw).overflow { return .positionOutOfRange }
    switch model {
    case .cash:
      return cashDenial(order, price: price, portfolio: portfolio)
    case .margin(nil):
      return nil
    case .margin(let leverage?):
      return marginDenial(
        order, price: price, leverage: leverage, portfolio: portfolio, equity: equity,
        lastPrices: lastPrices)
    }
  }

  /// A sell beyond the slot's long position less its working sells is a short sale; a buy must
  /// fit in the scope's cash less its long positions' cost and its working buys' holds.
  private func cashDenial(_ order: Order, price: Int64, portfolio: Portfolio) -> DenialReason? {
    let index = Int(order.instrument)
    let cell = order.slot * instrumentCount + index
    let position = portfolio.position(slot: order.slot, instrument: order.instrument).quantity.raw
    guard order.side == .buy else {
      return position - workingSells[cell] - order.quantity.raw < 0 ? .cashShortSale : nil
    }
    guard let need = cost(instrument: index, price: price, quantity: order.quantity.raw),
      let left = cashLeft(slot: order.slot, portfolio: portfolio)
    else { return .positionOutOfRange }
    return need > left ? .cashInsufficient : nil
  }

  /// The scope's cash (every on-book slot's, or an off-book slot's own) less what its long
  /// positions cost and what its working buys hold, in units; `nil` when it does not fit.
  func cashLeft(slot: SlotID, portfolio: Portfolio) -> Int128? {
    let onBook = portfolio.isOnBook(slot)
    var left: Int128 = 0
    for other in 0..<portfolio.slotCount
    where other == slot || (onBook && portfolio.isOnBook(other)) {
      guard let basis = portfolio.longCostBasis(slot: other, exponent: exponent) else {
        return nil
      }
      let (cash, overflow) = Int128(portfolio.slotCash(other).raw).multipliedReportingOverflow(
        by: moneyScale)
      if overflow { return nil }
      left += cash - basis
      let base = other * instrumentCount
      for cell in base..<base + instrumentCount { left -= reserved[cell] }
    }
    return left
  }

  /// An order that takes its cell further (counting working orders as filled on the side that
  /// reaches furthest) must leave the scope's gross exposure within `leverage × equity`.
  private func marginDenial(
    _ order: Order, price: Int64, leverage: Leverage, portfolio: Portfolio, equity: Money,
    lastPrices: [Int64]
  ) -> DenialReason? {
    let index = Int(order.instrument)
    let cell = order.slot * instrumentCount + index
    let before = reach(cell, portfolio: portfolio)
    let quantity = Int128(order.quantity.raw)
    let position = Int128(
      portfolio.position(slot: order.slot, instrument: order.instrument).quantity.raw)
    let after =
      order.side == .buy
      ? max(magnitude(position + Int128(workingBuys[cell]) + quantity), before)
      : max(magnitude(position - Int128(workingSells[cell]) - quantity), before)
    guard after > before else { return nil }
    guard equity.raw > 0 else { return .marginLeverage }
    let onBook = portfolio.isOnBook(order.slot)
    var gross: Int128 = 0
    for slot in 0..<portfolio.slotCount
    where slot == order.slot || (onBook && portfolio.isOnBook(slot)) {
      for instrument in 0..<instrumentCount {
        let other = slot * instrumentCount + instrument
        guard let extent = Int64(exactly: other == cell ? after : reach(other, portfolio: portfolio))
        else { return .positionOutOfRange }
        guard extent != 0 else { continue }
        let mark =
          instrument == index
          ? price
          : portfolio.markPrice(InstrumentID(instrument))?.raw
            ?? (lastPrices[instrument] != 0
              ? lastPrices[instrument]
              : portfolio.position(slot: slot, instrument: InstrumentID(instrument))
                .averageOpenPrice.raw)
        let item = portfolio.instruments[instrument]
        guard
          let value = item.notional(
            price: Price(raw: mark, precision: item.pricePrecision),
            quantity: Quantity(raw: extent, precision: item.sizePrecision))
        else { return .positionOutOfRange }
        gross += Int128(value.raw)
      }
    }
    return gross * 100 > Int128(leverage.hundredths) * Int128(equity.raw) ? .marginLeverage : nil
  }

  /// How far a cell's position reaches once its working orders of either side fill: the
  /// larger of |position + working buys| and |position − working sells|.
  private func reach(_ cell: Int, portfolio: Portfolio) -> Int128 {
    let slot = cell / instrumentCount
    let position = Int128(
      portfolio.position(slot: slot, instrument: InstrumentID(cell - slot * instrumentCount))
        .quantity.raw)
    return max(
      magnitude(position + Int128(workingBuys[cell])),
      magnitude(position - Int128(workingSells[cell])))
  }

  @inline(__always)
  private func magnitude(_ value: Int128) -> Int128 { value < 0 ? -value : value }
}
