/// A plain decimal field read exactly: `mantissa * 10^-decimals`, trailing zeros after the point
/// removed (`"1.2500"` is mantissa 125, 2 decimals), and the magnitude of its integer part.
struct ScannedDecimal {
  var mantissa: Int64
  var decimals: UInt8
  var integerPart: Int64
}

/// Reads plain decimal fields (`-12.340`, `7`, `.5`, `5.`; no exponent, no spaces, no thousands
/// separator) without knowing the precision in advance: the same language as
/// `FixedPoint.parse`, which the reader uses once a precision is known. Pure; no allocation.
enum DecimalScan {
  /// The result of scanning one field.
  enum Outcome {
    /// The field is a decimal.
    case value(ScannedDecimal)
    /// The field is not a plain decimal (empty, a stray character, two points, no digits).
    case malformed
    /// The field is a decimal with more significant digits than 64 bits hold (or more than
    /// 18 significant decimals).
    case overflow
  }

  static func scan(_ field: UnsafeBufferPointer<UInt8>) -> Outcome {
    let count = field.count
    // Fast path: at most 18 digits cannot overflow, so accumulate without checks and strip
    // trailing decimal zeros at the end. Anything longer takes the careful path.
    guard count > 0, count <= 19 else { return count == 0 ? .malformed : scanLong(field) }
    var index = 0
    let first = field[0]
    let negative = first == UInt8(ascii: "-")
    if negative || first == UInt8(ascii: "+") { index = 1 }
    var value: Int64 = 0
    var integerPart: Int64 = 0
    var digits = 0
    var pointAt = -1
    while index < count {
      let byte = field[index]
      index += 1
      let digit = byte &- UInt8(ascii: "0")
      if digit <= 9 {
        value = value &* 10 &+ Int64(digit)
        digits += 1
      } else if byte == UInt8(ascii: ".") && pointAt < 0 {
        pointAt = digits
        integerPart = value
      } else {
        return .malformed
      }
    }
    guard digits > 0 else { return .malformed }
    if digits > 18 { return scanLong(field) }
    var decimals = 0
    if pointAt < 0 {
      integerPart = value
    } else {
      decimals = digits - pointAt
      while decimals > 0 && value % 10 == 0 {
        value /= 10
        decimals -= 1
      }
    }
    return .value(
      ScannedDecimal(
        mantissa: negative ? -value : value, decimals: UInt8(decimals), integerPart: integerPart))
  }

  /// The careful path for long fields: checks every step for overflow.
  static func scanLong(_ field: UnsafeBufferPointer<UInt8>) -> Outcome {
    let count = field.count
    guard count > 0 else { return .malformed }
    var index = 0
    var negative = false
    let first = field[0]
    if first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
      negative = first == UInt8(ascii: "-")
      index = 1
    }
    var value: Int64 = 0
    var integerPart: Int64 = 0
    var digits = 0
    var decimals = 0
    var pendingZeros = 0
    var seenPoint = false
    while index < count {
      let byte = field[index]
      index += 1
      let digit = byte &- UInt8(ascii: "0")
      if digit <= 9 {
        digits += 1
        if !seenPoint {
          let (shifted, overflow1) = value.multipliedReportingOverflow(by: 10)
          let (sum, overflow2) = shifted.addingReportingOverflow(Int64(digit))
          if overflow1 || overflow2 { return .overflow }
          value = sum
        } else if digit == 0 {
          pendingZeros += 1
        } else {
          // The zeros seen since the last significant decimal become significant too.
          decimals += pendingZeros + 1
          guard decimals <= 18 else { return .overflow }
          let (shifted, overflow1) = value.multipliedReportingOverflow(
            by: powerOfTen(pendingZeros + 1))
          let (sum, overflow2) = shifted.addingReportingOverflow(Int64(digit))
          if overflow1 || overflow2 { return .overflow }
          value = sum
          pendingZeros = 0
        }
      } else if byte == UInt8(ascii: ".") && !seenPoint {
        seenPoint = true
        integerPart = value
      } else {
        return .malformed
      }
    }
    guard digits > 0 else { return .malformed }
    if !seenPoint { integerPart = value }
    return .value(
      ScannedDecimal(
        mantissa: negative ? -value : value, decimals: UInt8(decimals), integerPart: integerPart))
  }
}
