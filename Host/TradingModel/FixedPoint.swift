import Glibc

/// Integer arithmetic for fixed-point decimals: a value is an `Int64` count of `10^-precision`
/// units. Shared by `Price`, `Quantity` and `Money`; pure functions, callable from any thread.
public enum FixedPoint {
  /// The largest precision (decimal places) a value may carry.
  public static let maxPrecision: UInt8 = 12

  /// `10^n` for `n` in `0...18`.
  @usableFromInline
  static let powers: [Int64] = (0...18).map { n in
    var value: Int64 = 1
    for _ in 0..<n { value *= 10 }
    return value
  }

  /// `10^n` (`n` at most 18).
  @inline(__always)
  public static func scale(_ n: UInt8) -> Int64 { powers[Int(n)] }

  /// Divides with round-half-to-even (banker's rounding), the convention for every rescale that
  /// loses digits; exact when `denominator` divides `numerator`.
  @inlinable
  public static func divideRoundingHalfEven(_ numerator: Int128, by denominator: Int128) -> Int128 {
    if denominator == 1 { return numerator }
    // The common case fits 64 bits, where division is several times cheaper than in 128.
    if let small = Int64(exactly: numerator), let divisor = Int64(exactly: denominator) {
      return Int128(divideRoundingHalfEven64(small, by: divisor))
    }
    let (quotient, remainder) = numerator.quotientAndRemainder(dividingBy: denominator)
    if remainder == 0 { return quotient }
    let twice = remainder.magnitude * 2
    let away: Int128 = numerator < 0 ? -1 : 1
    if twice > denominator.magnitude { return quotient + away }
    if twice < denominator.magnitude { return quotient }
    return quotient & 1 == 0 ? quotient : quotient + away
  }

  /// `divideRoundingHalfEven` in 64 bits (`denominator` positive or negative, not zero).
  @inlinable
  static func divideRoundingHalfEven64(_ numerator: Int64, by denominator: Int64) -> Int64 {
    let (quotient, remainder) = numerator.quotientAndRemainder(dividingBy: denominator)
    if remainder == 0 { return quotient }
    let rest = remainder.magnitude
    let other = denominator.magnitude - rest  // the distance to the next multiple
    let away: Int64 = (numerator < 0) != (denominator < 0) ? -1 : 1
    if rest > other { return quotient + away }
    if rest < other { return quotient }
    return quotient & 1 == 0 ? quotient : quotient + away
  }

  /// Whether `lhs` (at `lhsPrecision`) is less than `rhs` (at `rhsPrecision`), exactly: the two
  /// are brought to the finer precision in 128 bits.
  @inlinable
  public static func isLess(
    _ lhs: Int64, _ lhsPrecision: UInt8, _ rhs: Int64, _ rhsPrecision: UInt8
  ) -> Bool {
    if lhsPrecision == rhsPrecision { return lhs < rhs }
    let precision = max(lhsPrecision, rhsPrecision)
    return Int128(lhs) * Int128(scale(precision - lhsPrecision))
      < Int128(rhs) * Int128(scale(precision - rhsPrecision))
  }

  /// Feeds `raw` at `precision` to `hasher` with trailing zeros removed, so equal values at
  /// different precisions (`1.500`, `1.5`) hash alike.
  public static func hashNormalized(_ raw: Int64, _ precision: UInt8, into hasher: inout Hasher) {
    var raw = raw
    var precision = precision
    while precision > 0 && raw % 10 == 0 {
      raw /= 10
      precision -= 1
    }
    hasher.combine(raw)
    hasher.combine(precision)
  }

  /// Re-expresses `raw` (at precision `from`) at precision `to`, rounding half to even when
  /// digits are dropped; `nil` when the result does not fit in `Int64`.
  @inlinable
  public static func rescale(_ raw: Int64, from: UInt8, to: UInt8) -> Int64? {
    if from == to { return raw }
    if to > from {
      let (value, overflow) = raw.multipliedReportingOverflow(by: scale(to - from))
      return overflow ? nil : value
    }
    return Int64(exactly: divideRoundingHalfEven(Int128(raw), by: Int128(scale(from - to))))
  }

  /// Parses a plain decimal (`-12.340`, `7`, `.5`, `1e-3` is refused) into raw units at
  /// `precision`. Refuses (returns `nil`) an empty field, a stray character, an overflow, and a
  /// value with more significant decimals than `precision` (trailing zeros are allowed): data is
  /// never silently rounded.
  public static func parse<Bytes: Collection<UInt8>>(_ bytes: Bytes, precision: UInt8) -> Int64? {
    guard precision <= 18 else { return nil }
    var index = bytes.startIndex
    guard index != bytes.endIndex else { return nil }
    var negative = false
    if bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
      negative = bytes[index] == UInt8(ascii: "-")
      index = bytes.index(after: index)
    }
    var value: Int64 = 0
    var digits = 0
    var decimals: UInt8 = 0
    var seenPoint = false
    while index != bytes.endIndex {
      let byte = bytes[index]
      index = bytes.index(after: index)
      if byte == UInt8(ascii: ".") {
        if seenPoint { return nil }
        seenPoint = true
        continue
      }
      guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return nil }
      let digit = Int64(byte - UInt8(ascii: "0"))
      digits += 1
      if seenPoint {
        if decimals == precision {
          if digit != 0 { return nil }  // more significant decimals than the precision
          continue
        }
        decimals += 1
      }
      let (shifted, overflow1) = value.multipliedReportingOverflow(by: 10)
      let (sum, overflow2) = shifted.addingReportingOverflow(digit)
      if overflow1 || overflow2 { return nil }
      value = sum
    }
    guard digits > 0 else { return nil }
    let (scaled, overflow) = value.multipliedReportingOverflow(by: scale(precision - decimals))
    if overflow { return nil }
    return negative ? -scaled : scaled
  }

  /// The number of decimals a plain decimal field carries, ignoring trailing zeros (`1.2500`
  /// -> 2); `nil` when the field is not a plain decimal.
  public static func significantDecimals<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> UInt8? {
    var seenPoint = false
    var decimals = 0
    var significant = 0
    var digits = 0
    for byte in bytes {
      if byte == UInt8(ascii: ".") {
        if seenPoint { return nil }
        seenPoint = true
      } else if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
        digits += 1
        if seenPoint {
          decimals += 1
          if byte != UInt8(ascii: "0") { significant = decimals }
        }
      } else if byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+") {
        if digits > 0 || seenPoint { return nil }
      } else {
        return nil
      }
    }
    guard digits > 0, significant <= 18 else { return nil }
    return UInt8(significant)
  }

  /// The decimal text of `raw` at `precision` (`12345` at 2 -> `123.45`).
  public static func format(_ raw: Int64, precision: UInt8) -> String {
    guard precision > 0 else { return String(raw) }
    guard precision <= 18 else { return "\(Double(raw) / pow(10, Double(precision)))" }
    let magnitude = raw.magnitude
    let unit = UInt64(scale(precision))
    let whole = magnitude / unit
    var fraction = String(magnitude % unit)
    fraction = String(repeating: "0", count: Int(precision) - fraction.count) + fraction
    return (raw < 0 ? "-" : "") + "\(whole).\(fraction)"
  }
}
