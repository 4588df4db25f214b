/// The exact unit positions keep their cost basis and running PnL in, for one instrument:
/// `10^-exponent` of the currency, where `exponent = max(pricePrecision + sizePrecision +
/// multiplierPrecision, currencyPrecision + guardDigits)`. Every `price × quantity × multiplier`
/// is a whole number of these units (no rounding when a position opens or grows), and the unit
/// is at most a millionth of the currency's smallest unit, so the one rounding a partial close
/// needs (splitting the cost basis) is at most half a unit, far below a cent. Values are
/// `Int128`; products beyond
/// about ±1.7e38 units (far outside any real price and size) trap rather than wrap.
///
/// Internal: `Position` and its valuation use it; pure, allocation-free.
struct LedgerUnits {
  /// Extra decimals beyond the currency's, so splitting a basis rounds far below a cent.
  static let guardDigits = 6

  /// `10^n` for `n` in `0...38`.
  static let powersOfTen: [Int128] = (0...38).map { n in
    var value: Int128 = 1
    for _ in 0..<n { value *= 10 }
    return value
  }

  /// Decimals of the unit.
  let exponent: Int
  let currency: Currency
  let pricePrecision: UInt8
  let sizePrecision: UInt8
  let multiplier: Int128
  let multiplierPrecision: Int

  init(_ instrument: borrowing Instrument) {
    currency = instrument.currency
    pricePrecision = instrument.pricePrecision
    sizePrecision = instrument.sizePrecision
    multiplier = Int128(instrument.multiplier.raw)
    multiplierPrecision = Int(instrument.multiplier.precision)
    exponent = max(
      Int(pricePrecision) + Int(sizePrecision) + multiplierPrecision,
      Int(currency.precision) + Self.guardDigits)
  }

  /// `x * 10^shift` (`shift >= 0`) or `x / 10^-shift` rounded half to even.
  static func shifted(_ x: Int128, by shift: Int) -> Int128 {
    if shift >= 0 { return x * powersOfTen[shift] }
    return FixedPoint.divideRoundingHalfEven(x, by: powersOfTen[-shift])
  }

  /// `price × quantity × multiplier` in units; `quantity` is raw at the size precision and may
  /// be negative. Exact for a price at (or below) the instrument's price precision.
  func value(price: Price, quantity: Int64) -> Int128 {
    let product = Int128(price.raw) * Int128(quantity) * multiplier
    let decimals = Int(price.precision) + Int(sizePrecision) + multiplierPrecision
    return Self.shifted(product, by: exponent - decimals)
  }

  /// `units` as money, rounded half to even to the currency's precision (clamped to `Int64`,
  /// as `Money.notional` is).
  func money(_ units: Int128) -> Money {
    let raw = FixedPoint.divideRoundingHalfEven(
      units, by: Self.powersOfTen[exponent - Int(currency.precision)])
    return Money(raw: Int64(clamping: raw), currency: currency)
  }

  /// `basis / (quantity × multiplier)` as a price at the instrument's price precision, rounded
  /// half to even; zero when `quantity` is zero.
  func averagePrice(basis: Int128, quantity: Int64) -> Price {
    guard quantity != 0 else { return .zero(precision: pricePrecision) }
    let decimals = Int(pricePrecision) + Int(sizePrecision) + multiplierPrecision
    let divisor = Int128(quantity.magnitude) * multiplier * Self.powersOfTen[exponent - decimals]
    // A position's basis has the sign of its quantity: divide magnitudes (positive divisor).
    let raw = FixedPoint.divideRoundingHalfEven(quantity < 0 ? -basis : basis, by: divisor)
    return Price(raw: Int64(clamping: raw), precision: pricePrecision)
  }
}
