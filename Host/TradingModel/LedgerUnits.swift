/// The exact unit positions keep their cost basis and running PnL in, for one instrument:
/// `10^-exponent` of the currency, where `exponent = max(pricePrecision + sizePrecision +
/// multiplierPrecision, currencyPrecision + guardDigits)`. Every `price × quantity × multiplier`
/// is a whole number of these units (no rounding when a position opens or grows), and the unit
/// is at most a millionth of the currency's smallest unit, so the one rounding a partial close
/// needs (splitting the cost basis) is at most half a unit, far below a cent. Values are
/// `Int128`. Every operation is checked: one whose result does not fit (`Int128` units, or an
/// `Int64` amount of money or price) answers `nil`, never a clamped or wrapped value.
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

  /// `x * 10^shift` (`shift >= 0`, `nil` on overflow) or `x / 10^-shift` rounded half to even.
  static func shifted(_ x: Int128, by shift: Int) -> Int128? {
    if shift >= 0 {
      guard shift < powersOfTen.count else { return x == 0 ? 0 : nil }
      let (value, overflow) = x.multipliedReportingOverflow(by: powersOfTen[shift])
      return overflow ? nil : value
    }
    guard -shift < powersOfTen.count else { return 0 }
    return FixedPoint.divideRoundingHalfEven(x, by: powersOfTen[-shift])
  }

  /// `price × quantity × multiplier` in units; `quantity` is raw at the size precision and may
  /// be negative. Exact for a price at (or below) the instrument's price precision; `nil` when
  /// it does not fit in `Int128` units.
  func value(price: Price, quantity: Int64) -> Int128? {
    // |price × quantity| < 2^126: fits; only the multiplier and the shift can overflow.
    let (product, overflow) = (Int128(price.raw) * Int128(quantity))
      .multipliedReportingOverflow(by: multiplier)
    if overflow { return nil }
    let decimals = Int(price.precision) + Int(sizePrecision) + multiplierPrecision
    return Self.shifted(product, by: exponent - decimals)
  }

  /// `units` as money, rounded half to even to the currency's precision; `nil` when it does
  /// not fit in `Int64`.
  func money(_ units: Int128) -> Money? {
    let raw = FixedPoint.divideRoundingHalfEven(
      units, by: Self.powersOfTen[exponent - Int(currency.precision)])
    return Int64(exactly: raw).map { Money(raw: $0, currency: currency) }
  }

  /// `basis / (quantity × multiplier)` as a price at the instrument's price precision, rounded
  /// half to even; zero when `quantity` is zero; `nil` when it does not fit.
  func averagePrice(basis: Int128, quantity: Int64) -> Price? {
    guard quantity != 0 else { return .zero(precision: pricePrecision) }
    let decimals = Int(pricePrecision) + Int(sizePrecision) + multiplierPrecision
    let (scaled, overflow) = (Int128(quantity.magnitude) * multiplier)
      .multipliedReportingOverflow(by: Self.powersOfTen[exponent - decimals])
    if overflow { return nil }
    // A position's basis has the sign of its quantity: divide magnitudes (positive divisor).
    let raw = FixedPoint.divideRoundingHalfEven(quantity < 0 ? -basis : basis, by: scaled)
    return Int64(exactly: raw).map { Price(raw: $0, precision: pricePrecision) }
  }
}
