import TradingModel

/// Converts between an instrument's quantities and account-currency values at a price, in raw
/// fixed-point units, exactly (128-bit intermediates): the gate's exposure arithmetic.
///
/// value(q, p) = q · p · multiplier, truncated to the currency's precision; `maxQuantity` is its
/// inverse, rounded down. Pure, allocation-free.
struct InstrumentValuation: Sendable {
  /// price, size and multiplier decimals minus the currency's.
  private let exponent: Int
  private let multiplier: Int128
  private let power: Int128

  init(_ instrument: Instrument) {
    exponent =
      Int(instrument.pricePrecision) + Int(instrument.sizePrecision)
      + Int(instrument.multiplier.precision) - Int(instrument.currency.precision)
    multiplier = Int128(instrument.multiplier.raw)
    var power: Int128 = 1
    for _ in 0..<abs(exponent) { power *= 10 }
    self.power = power
  }

  /// |quantity| · price · multiplier in raw currency units (saturating).
  @inline(__always)
  func value(quantity: Int64, price: Int64) -> Int64 {
    let product = Int128(quantity.magnitude) * Int128(price) * multiplier
    let raw = exponent >= 0 ? product / power : product * power
    return Int64(clamping: raw)
  }

  /// The largest raw quantity whose value at `price` is at most `money` (0 when `money` <= 0).
  @inline(__always)
  func maxQuantity(value money: Int64, price: Int64) -> Int64 {
    guard money > 0, price > 0, multiplier > 0 else { return 0 }
    let raw =
      exponent >= 0
      ? Int128(money) * power / (Int128(price) * multiplier)
      : Int128(money) / (power * Int128(price) * multiplier)
    return Int64(clamping: raw)
  }
}
