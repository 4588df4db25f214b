/// An amount of a currency: exact, `raw` units of `10^-currency.precision`. Cash, fees, PnL and
/// equity in the ledger are `Money`; sums of amounts in one currency never round.
public struct Money: Hashable, Sendable, Comparable, CustomStringConvertible {
  /// The amount in units of `10^-currency.precision`.
  public var raw: Int64
  /// The currency (and its precision).
  public var currency: Currency

  @inlinable
  public init(raw: Int64, currency: Currency) {
    self.raw = raw
    self.currency = currency
  }

  /// Parses decimal text exactly (`"1000000"`, `"12.5"`); `nil` when too precise or not a decimal.
  public init?(_ text: String, currency: Currency) {
    guard let raw = FixedPoint.parse(Array(text.utf8), precision: currency.precision) else {
      return nil
    }
    self.init(raw: raw, currency: currency)
  }

  /// Zero in `currency`.
  public static func zero(_ currency: Currency) -> Money { Money(raw: 0, currency: currency) }

  /// The nearest `Double` (reports and statistics only).
  public var doubleValue: Double { Double(raw) / Double(FixedPoint.scale(currency.precision)) }

  /// `self + other`, or `nil` when the sum does not fit (never clamped). The ledger's
  /// arithmetic; `+` traps on an overflow and is for amounts the ledger already bounds.
  @inlinable
  public func adding(_ other: Money) -> Money? {
    precondition(currency == other.currency, "money in different currencies")
    let (sum, overflow) = raw.addingReportingOverflow(other.raw)
    return overflow ? nil : Money(raw: sum, currency: currency)
  }

  /// `self - other`, or `nil` when the difference does not fit (never clamped).
  @inlinable
  public func subtracting(_ other: Money) -> Money? {
    precondition(currency == other.currency, "money in different currencies")
    let (difference, overflow) = raw.subtractingReportingOverflow(other.raw)
    return overflow ? nil : Money(raw: difference, currency: currency)
  }

  /// Whether `|self|` is at most `limit` (raw units; `Int64.min` never is).
  @inlinable
  public func isWithin(_ limit: Int64) -> Bool { raw != .min && abs(raw) <= limit }

  @inlinable
  public static func + (lhs: Money, rhs: Money) -> Money {
    precondition(lhs.currency == rhs.currency, "money in different currencies")
    return Money(raw: lhs.raw + rhs.raw, currency: lhs.currency)
  }

  @inlinable
  public static func - (lhs: Money, rhs: Money) -> Money {
    precondition(lhs.currency == rhs.currency, "money in different currencies")
    return Money(raw: lhs.raw - rhs.raw, currency: lhs.currency)
  }

  @inlinable
  public static prefix func - (value: Money) -> Money {
    Money(raw: -value.raw, currency: value.currency)
  }

  @inlinable
  public static func += (lhs: inout Money, rhs: Money) { lhs = lhs + rhs }

  @inlinable
  public static func -= (lhs: inout Money, rhs: Money) { lhs = lhs - rhs }

  @inlinable
  public static func < (lhs: Money, rhs: Money) -> Bool {
    precondition(lhs.currency == rhs.currency, "money in different currencies")
    return lhs.raw < rhs.raw
  }

  /// `price * quantity * multiplier` in `currency`, rounded half to even to the currency's
  /// precision (exact whenever the product has no more decimals than the currency, as for
  /// cent-priced shares). Computed in 128 bits; `nil` when the product or the amount does not
  /// fit (never clamped).
  @inlinable
  public static func notional(
    price: Price, quantity: Quantity, multiplier: Quantity, currency: Currency
  ) -> Money? {
    let (product, overflow) = (Int128(price.raw) * Int128(quantity.raw))
      .multipliedReportingOverflow(by: Int128(multiplier.raw))
    if overflow { return nil }
    let precision = Int(price.precision) + Int(quantity.precision) + Int(multiplier.precision)
    let target = Int(currency.precision)
    let raw: Int128
    if precision >= target {
      var divisor: Int128 = 1
      for _ in 0..<(precision - target) { divisor *= 10 }
      raw = FixedPoint.divideRoundingHalfEven(product, by: divisor)
    } else {
      var factor: Int128 = 1
      for _ in 0..<(target - precision) { factor *= 10 }
      let (scaled, overflow) = product.multipliedReportingOverflow(by: factor)
      if overflow { return nil }
      raw = scaled
    }
    return Int64(exactly: raw).map { Money(raw: $0, currency: currency) }
  }

  /// `self * rate`, rounded half to even to the currency's precision (fees); `nil` when it
  /// does not fit (a rate above 100%).
  @inlinable
  public func applying(_ rate: BasisPoints) -> Money? {
    let raw = FixedPoint.divideRoundingHalfEven(
      Int128(raw) * Int128(rate.hundredths), by: 1_000_000)
    return Int64(exactly: raw).map { Money(raw: $0, currency: currency) }
  }

  public var description: String {
    FixedPoint.format(raw, precision: currency.precision) + " " + currency.code
  }
}
