import TradingModel

/// Converts between an instrument's quantities and account-currency values at a price, in raw
/// fixed-point units, exactly: the gate's exposure arithmetic.
///
/// value(q, p) = q · p · multiplier, truncated to the currency's precision; `maxQuantity` is its
/// inverse, rounded down. 64-bit arithmetic when the product fits (the common case: one or no
/// division), 128-bit otherwise. Pure, allocation-free.
struct InstrumentValuation: Sendable {
  /// price, size and multiplier decimals minus the currency's.
  private let exponent: Int
  private let multiplier: Int64
  /// 10^|exponent|.
  private let power: Int64

  init(_ instrument: Instrument) {
    exponent =
      Int(instrument.pricePrecision) + Int(instrument.sizePrecision)
      + Int(instrument.multiplier.precision) - Int(instrument.currency.precision)
    multiplier = instrument.multiplier.raw
    power = FixedPoint.scale(UInt8(min(abs(exponent), 18)))
  }

  /// |quantity| · price · multiplier in raw currency units. Saturates at `Int64.max` only past
  /// anything the ledger holds: the kernel refuses every order and mark whose value exceeds
  /// `Portfolio.amountLimit` (a quarter of `Int64.max` or less) before the gate sees it, so the
  /// gate's values of orders and positions stay exact.
  @inline(__always)
  func value(quantity: Int64, price: Int64) -> Int64 {
    let magnitude = quantity < 0 ? -quantity : quantity
    let (partial, overflow1) = magnitude.multipliedReportingOverflow(by: price)
    let (product, overflow2) = partial.multipliedReportingOverflow(by: multiplier)
    if !overflow1 && !overflow2 {
      if exponent == 0 { return product }
      if exponent > 0 { return product / power }
      let (scaled, overflow3) = product.multipliedReportingOverflow(by: power)
      if !overflow3 { return scaled }
    }
    let wide = Int128(magnitude) * Int128(price) * Int128(multiplier)
    return Int64(clamping: exponent >= 0 ? wide / Int128(power) : wide * Int128(power))
  }

  /// The largest raw quantity whose value at `price` is at most `money` (0 when `money` <= 0).
  @inline(__always)
  func maxQuantity(value money: Int64, price: Int64) -> Int64 {
    guard money > 0, price > 0, multiplier > 0 else { return 0 }
    let (unit, overflow1) = price.multipliedReportingOverflow(by: multiplier)
    if !overflow1 {
      if exponent == 0 { return money / unit }
      if exponent > 0 {
        let (scaled, overflow2) = money.multipliedReportingOverflow(by: power)
        if !overflow2 { return scaled / unit }
      } else {
        let (divisor, overflow2) = unit.multipliedReportingOverflow(by: power)
        if !overflow2 { return money / divisor }
      }
    }
    let raw =
      exponent >= 0
      ? Int128(money) * Int128(power) / (Int128(price) * Int128(multiplier))
      : Int128(money) / (Int128(power) * Int128(price) * Int128(multiplier))
    return Int64(clamping: raw)
  }
}
