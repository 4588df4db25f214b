import Kernel
import RiskSizing
import TradingModel

extension RiskWrapper {
  /// The client tag of host exit orders (strategies see it on the exit's order events).
  public static let exitTag: UInt64 = 0x5249_534B_4558_4954

  /// Host exits on `instrument`'s event: each slot with an exit plan and a position there is
  /// asked whether a stop, trailing stop, take-profit rung or time exit fired; a fired exit is
  /// sent as a reduce-only IOC market order and audited.
  func enforceExits(instrument index: Int, high: Price, low: Price, close: Price, at now: Int64) {
    for slot in hasExits.indices where hasExits[slot] {
      let atr = instruments[index].atr.value
      let cell = slot * instrumentCount + index
      guard positions[cell] != 0,
        let action = exits[cell].evaluate(high: high, low: low, close: close, atr: atr, at: now)
      else { continue }
      let sent = kernel.closePosition(
        slot: slot, instrument: InstrumentID(index), quantity: action.quantity, tag: Self.exitTag)
      if sent == nil { exits[cell].exitFailed() }
      record(
        AuditRecord(
          time: now, source: .rule, action: "exit",
          scope: "slot \(slots[slot].name) \(instruments[index].instrument.qualifiedSymbol)",
          reason: sent == nil
            ? "host exit could not be sent: no price" : "host exit: \(action.reason)",
          values: [
            .init("quantity", action.quantity.description),
            .init("trigger", action.triggerPrice.description), .init("close", close.description),
          ]))
    }
  }

  /// The entry size the slot's sizing rule allows at `price` (raw quantity), a denial when the
  /// rule lacks an input, or `nil` when the slot has no rule. A Kelly rule takes the order's own
  /// win probability and payoff ratio (from the strategy or its model), else the slot's
  /// configured estimates.
  func sizedEntry(
    slot: SlotID, instrument index: Int, price: Int64, slotEquity: Int64, winProbability: Double?,
    payoffRatio: Double?
  ) -> Result<Int64, DenialReason>? {
    guard let sizer = sizers[slot * instrumentCount + index], let plan = sizing[slot] else {
      return nil
    }
    let instrument = instruments[index].instrument
    let inputs = SizingInputs(
      equity: Money(raw: slotEquity, currency: kernel.configuration.currency),
      price: Price(raw: price, precision: instrument.pricePrecision),
      atr: instruments[index].atr.value, winProbability: winProbability ?? plan.winProbability,
      payoffRatio: payoffRatio ?? plan.payoffRatio,
      annualisedVolatility: volatilities[slot * instrumentCount + index]?.value)
    switch sizer.maximumEntryQuantity(inputs) {
    case .quantity(let quantity): return .success(quantity.raw)
    case .missing, .invalid: return .failure(.sizingInputMissing)
    }
  }
}
