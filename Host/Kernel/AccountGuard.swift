import Execution
import TradingModel

/// The account model's bookkeeping and checks (`AccountModel`): what each slot has working at
/// the venues, and for a cash account the cash its working buys hold. The kernel asks `denial`
/// after the risk gate approved an order and before routing it, so no venue sees an order the
/// account cannot carry, whatever the gate; it reports every routed order, fill and ended order
/// here, as the risk wrapper counts them.
///
/// Cells are indexed `slot × instruments + instrument`. Cash amounts are exact, in units of
/// `10^-exponent` of the account currency (the portfolio's finest ledger unit), so a position's
/// cost basis and an order's cost compare without rounding; a fee is reserved at the run's
/// highest simulator fee rate, rounded up to that unit.
///
/// Kernel-thread only. Sized for the run's slots and instruments up front: nothing here
/// allocates after `init`.
struct AccountGuard {
  /// The account's type.
  let model: AccountModel
  let instrumentCount: Int
  /// Quantity (raw) of each cell's working buy and sell orders: routed, not yet filled,
  /// cancelled, expired or rejected.
  private(set) var workingBuys: [Int64]
  private(set) var workingSells: [Int64]
  /// The cash each cell's working buys hold (cash accounts), in units of `10^-exponent`.
  private(set) var reserved: [Int128]
  /// The ledger unit cash amounts are kept in.
  let exponent: Int
  /// `10^(exponent - currency decimals)`: money raw to units.
  let moneyScale: Int128
  /// Per instrument: `multiplier.raw × 10^(exponent - price, size and multiplier decimals)`,
  /// so `price.raw × quantity.raw × unitFactor` is a notional in units.
  let unitFactor: [Int128]
  /// The fee rate reserved with a buy, hundredths of a basis point (`1_000_000` = 100%).
  let feeRate: Int64

  init(model: AccountModel, portfolio: Portfolio, fees: FeeSchedule) {
    self.model = model
    let instruments = portfolio.instruments
    instrumentCount = instruments.count
    let cells = portfolio.slotCount * instruments.count
    workingBuys = Array(repeating: 0, count: cells)
    workingSells = Array(repeating: 0, count: cells)
    reserved = Array(repeating: 0, count: cells)
    let exponent = portfolio.ledgerExponent
    self.exponent = exponent
    moneyScale = Self.power(exponent - Int(portfolio.currency.precision))
    unitFactor = instruments.map { instrument in
      let decimals =
        Int(instrument.pricePrecision) + Int(instrument.sizePrecision)
        + Int(instrument.multiplier.precision)
      return Int128(instrument.multiplier.raw) * Self.power(exponent - decimals)
    }
    let rates = [fees.maker, fees.taker] + fees.tiers.flatMap { [$0.maker, $0.taker] }
    feeRate = max(0, rates.map(\.hundredths).max() ?? 0)
  }

  /// `10^n` (`0 <= n <= 38`).
  private static func power(_ n: Int) -> Int128 {
    var value: Int128 = 1
    for _ in 0..<max(0, n) { value *= 10 }
    return value
  }

  /// What buying `quantity` (raw) of instrument `index` at `price` (raw) costs with its fee,
  /// in units, the fee rounded up; `nil` when it does not fit.
  func cost(instrument index: Int, price: Int64, quantity: Int64) -> Int128? {
    let (product, overflow1) = (Int128(price) * Int128(quantity)).multipliedReportingOverflow(
      by: unitFactor[index])
    let (scaled, overflow2) = product.multipliedReportingOverflow(by: Int128(feeRate))
    guard !overflow1, !overflow2 else { return nil }
    let (fee, remainder) = scaled.quotientAndRemainder(dividingBy: 1_000_000)
    let (total, overflow3) = product.addingReportingOverflow(fee + (remainder > 0 ? 1 : 0))
    return overflow3 ? nil : total
  }

  /// An order is about to reach its venue at `price` (raw; what the check valued it at): it
  /// counts as working, and a cash account's buy holds its cost. Sets `order.accountPrice`.
  mutating func routed(_ order: inout Order, price: Int64) {
    order.accountPrice = price
    let cell = order.slot * instrumentCount + Int(order.instrument)
    if order.side == .buy {
      workingBuys[cell] += order.quantity.raw
      if case .cash = model {
        // Within range: the check priced the same order.
        reserved[cell] +=
          cost(instrument: Int(order.instrument), price: price, quantity: order.quantity.raw)
          ?? 0
      }
    } else {
      workingSells[cell] += order.quantity.raw
    }
  }

  /// `quantity` (raw) of `order` stopped working: it filled, or the ledger refused its fill.
  mutating func filled(_ order: Order, quantity: Int64) { release(order, quantity: quantity) }

  /// `order` left its venue with `order.leavesQuantity` never to fill.
  mutating func ended(_ order: Order) { release(order, quantity: order.leavesQuantity.raw) }

  private mutating func release(_ order: Order, quantity: Int64) {
    let cell = order.slot * instrumentCount + Int(order.instrument)
    guard order.side == .buy else {
      workingSells[cell] = max(0, workingSells[cell] - quantity)
      return
    }
    workingBuys[cell] = max(0, workingBuys[cell] - quantity)
    guard case .cash = model else { return }
    if workingBuys[cell] == 0 {
      // Exactly nothing held once nothing works (the rounded-up fees of partial fills add up
      // to at most one unit each more than the whole order's).
      reserved[cell] = 0
    } else {
      let part =
        cost(instrument: Int(order.instrument), price: order.accountPrice, quantity: quantity) ?? 0
      reserved[cell] = max(0, reserved[cell] - part)
    }
  }
}
