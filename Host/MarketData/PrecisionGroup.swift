import TradingModel

/// The precision of one group of columns (a file's prices, or its sizes/volumes): given by the
/// caller, or detected as the largest number of significant decimals seen. Used by one read on
/// one thread; plain value.
///
/// Values are kept as `(mantissa, decimals)` while the file is read (a `Price` or `Quantity`
/// whose precision is the field's own decimals) and re-expressed at the group's precision once
/// it is known (`finalRaw`).
///
/// - Given precision: a value with more significant decimals is an error (never rounded).
/// - Detected prices: exact, at most `FixedPoint.maxPrecision` (12) decimals; a value too large
///   for the detected precision is an error.
/// - Detected sizes: exact when the largest size fits `Int64` at the largest number of decimals
///   seen. When it does not (FTX's USD-notional volumes carry float noise such as
///   `218102.59507500002`), the precision is lowered to the largest that fits and values with
///   more decimals are rounded half to even; the series reports how many were rounded.
struct PrecisionGroup {
  /// What the group holds: prices never round, sizes may (see above).
  enum Role { case price, size }

  /// A problem the reader turns into a `DataError` at `line`/`column`.
  struct Problem: Error {
    var code: DataError.Code
    var message: String
    var line: Int
    var column: Int
  }

  let role: Role
  let given: UInt8?
  private(set) var maxDecimals: UInt8 = 0
  private(set) var maxInteger: Int64 = 0
  private var maxIntegerLine = 0
  private var maxIntegerColumn = 0

  init(role: Role, given: UInt8?) {
    self.role = role
    self.given = given
  }

  /// Takes one field's value; returns `(raw, precision)`: final when the precision is given,
  /// else the mantissa and its own decimals. A failure names the field (`line`, `column`).
  @inline(__always)
  mutating func take(_ value: ScannedDecimal, line: Int, column: Int) -> Result<
    (raw: Int64, precision: UInt8), Problem
  > {
    if let given {
      guard value.decimals <= given else {
        return .failure(
          Problem(
            code: .tooPrecise,
            message: "has \(value.decimals) decimals, more than the given precision \(given)",
            line: line, column: column))
      }
      let (raw, overflow) = value.mantissa.multipliedReportingOverflow(
        by: powerOfTen(Int(given - value.decimals)))
      guard !overflow else {
        return .failure(
          Problem(
            code: .outOfRange, message: "does not fit 64 bits at \(given) decimals", line: line,
            column: column))
      }
      return .success((raw, given))
    }
    if role == .price && value.decimals > FixedPoint.maxPrecision {
      return .failure(
        Problem(
          code: .tooPrecise,
          message:
            "has \(value.decimals) decimals; prices may have at most \(FixedPoint.maxPrecision)",
          line: line, column: column))
    }
    if value.decimals > maxDecimals { maxDecimals = value.decimals }
    if value.integerPart > maxInteger {
      maxInteger = value.integerPart
      maxIntegerLine = line
      maxIntegerColumn = column
    }
    return .success((value.mantissa, value.decimals))
  }

  /// The group's precision once every value has been taken.
  func resolve() -> Result<UInt8, Problem> {
    if let given { return .success(given) }
    let most = min(maxDecimals, FixedPoint.maxPrecision)
    if role == .price && !fits(most) {
      return .failure(
        Problem(
          code: .outOfRange,
          message: "is too large to hold at \(most) decimals, the precision of other prices",
          line: maxIntegerLine, column: maxIntegerColumn))
    }
    var precision = most
    while precision > 0 && !fits(precision) { precision -= 1 }
    return .success(precision)
  }

  /// Whether every value with an integer part up to `maxInteger` fits `Int64` at `precision`.
  private func fits(_ precision: UInt8) -> Bool {
    let scale = powerOfTen(Int(precision))
    let (top, overflow1) = maxInteger.multipliedReportingOverflow(by: scale)
    let (_, overflow2) = top.addingReportingOverflow(scale - 1)
    return !overflow1 && !overflow2
  }

  /// `raw` (at `from` decimals) at the resolved `precision`: exact when it gains digits, rounded
  /// half to even when it loses them (sizes only; `rounded` counts those that changed).
  @inline(__always)
  static func finalRaw(_ raw: Int64, from: UInt8, to precision: UInt8, rounded: inout Int) -> Int64
  {
    if from == precision { return raw }
    if from < precision { return raw &* powerOfTen(Int(precision - from)) }
    let divisor = powerOfTen(Int(from - precision))
    if raw % divisor != 0 { rounded += 1 }
    return Int64(FixedPoint.divideRoundingHalfEven(Int128(raw), by: Int128(divisor)))
  }
}
