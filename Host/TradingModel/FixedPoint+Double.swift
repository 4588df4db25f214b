extension FixedPoint {
  /// Converts a plugin's `Double` to raw units at `precision`, exactly. The decimal a double
  /// stands for is its shortest round-trip decimal (what Swift's `description`, Python's `repr`
  /// and JavaScript print: the fewest significant digits that read back as the same double,
  /// the closest to it on a tie). That decimal is accepted when it has at most `precision`
  /// decimals and fits `Int64` at `precision`; otherwise the value is refused, never rounded:
  /// `167.41` at 2 is `16741`, `167.415` at 2 and `0.1 + 0.2` (`0.30000000000000004`) at 1 are
  /// `.tooPrecise`, at every magnitude (`10000000.004` at 2 too). NaN and infinities are refused.
  ///
  /// The decision uses integer arithmetic on the double's significand and exponent only (no
  /// text, no rounding of floating-point products decides anything). Allocation-free; pure;
  /// callable from any thread (the kernel calls it for every intent's quantity and prices).
  @inlinable
  public static func fromDouble(_ value: Double, precision: UInt8) -> Result<Int64, ConversionError>
  {
    guard precision <= 18 else { return .failure(.outOfRange) }
    guard !value.isNaN else { return .failure(.notANumber) }
    guard value.isFinite else { return .failure(.infinite) }
    if value == 0 { return .success(0) }
    // Fast path for the usual sizes and prices. `unit` (10^p, p <= 18) and `candidate` (an
    // integer below 2^52) are exact doubles, so `candidate / unit` is the double nearest to the
    // decimal `candidate × 10^-p` (IEEE division rounds correctly): when it is `value`, that
    // decimal reads back as `value`. Below 2^52 units a double spans less than one unit, so no
    // other decimal at `precision` does, and the shortest one has no more decimals.
    let unit = Double(scale(precision))
    let candidate = (value * unit).rounded(.toNearestOrEven)
    if candidate.magnitude < 0x1p52, candidate / unit == value {
      return .success(Int64(candidate))
    }
    return exactFromDouble(value, precision: precision)
  }

  /// `fromDouble` for what its fast path does not settle (refusals, and values of 2^52 units
  /// and more, where a double may stand for several decimals at `precision`), in exact integer
  /// arithmetic. `value` is finite and non-zero.
  ///
  /// `value = ±m × 2^e`; every real strictly between the midpoints to its neighbours reads back
  /// as `value`, and the midpoints too when `m` is even (round half to even). In units of
  /// `10^-precision × 2^(e-2)` the midpoints are `(4m − 2) × 10^p` (`4m − 1` when `m` is a
  /// power of two: the neighbour below is twice as close) and `(4m + 2) × 10^p`, integers below
  /// 2^116. The answer is the multiple of the coarsest power of ten that lies between them, the
  /// closest to `value` (the shortest round-trip decimal), if even a single unit `10^-p` has a
  /// multiple there; otherwise the value is too precise.
  @usableFromInline
  static func exactFromDouble(_ value: Double, precision: UInt8) -> Result<Int64, ConversionError> {
    let tooPrecise = Result<Int64, ConversionError>.failure(
      .tooPrecise(value: value, precision: precision))
    let biased = Int(value.exponentBitPattern)
    let fraction = UInt128(value.significandBitPattern)
    let significand = biased == 0 ? fraction : fraction | (1 << 52)
    let shift = (biased == 0 ? 1 : biased) - 1075 - 2
    let power = UInt128(scale(precision))
    var low = (4 * significand - (fraction == 0 && biased > 1 ? 1 : 2)) * power
    var high = (4 * significand + 2) * power
    var center = 4 * significand * power
    // `denominator` turns the bounds into units of 10^-p: a multiple of it is a whole unit.
    var denominator: UInt128 = 1
    if shift >= 0 {
      // Room for the shift and for stepping one multiple past `high` (below 2^126).
      guard shift < 64, high.leadingZeroBitCount > shift + 2 else { return .failure(.outOfRange) }
      low <<= UInt128(shift)
      high <<= UInt128(shift)
      center <<= UInt128(shift)
    } else {
      // A denominator beyond 2^116 exceeds `high`: no whole unit lies in the interval.
      guard -shift < 117 else { return tooPrecise }
      denominator = 1 << UInt128(-shift)
    }
    let bounds = (low: low, high: high, inclusive: significand & 1 == 0)
    guard hasMultiple(of: denominator, in: bounds) else { return tooPrecise }
    var step = denominator
    while true {
      let (next, overflow) = step.multipliedReportingOverflow(by: 10)
      guard !overflow, hasMultiple(of: next, in: bounds) else { break }
      step = next
    }
    // The multiple of `step` nearest to `value`: the one at or below it, or the next (one of
    // them lies in the interval), the even one on a tie.
    let below = center / step * step
    let above = below + step
    let belowInside = below > low || (below == low && bounds.inclusive)
    let aboveInside = above < high || (above == high && bounds.inclusive)
    let chosen: UInt128
    if belowInside && aboveInside {
      let downward = center - below
      let upward = above - center
      chosen =
        downward < upward || (downward == upward && (below / step) & 1 == 0) ? below : above
    } else {
      chosen = belowInside ? below : above
    }
    let units = chosen / denominator
    guard units <= UInt128(Int64.max) else { return .failure(.outOfRange) }
    return .success(value < 0 ? -Int64(units) : Int64(units))
  }

  /// Whether a multiple of `step` lies between `bounds.low` and `bounds.high` (the ends
  /// included when `bounds.inclusive`); the bounds leave room for one step past `high`.
  @usableFromInline
  static func hasMultiple(
    of step: UInt128, in bounds: (low: UInt128, high: UInt128, inclusive: Bool)
  ) -> Bool {
    guard step <= bounds.high else { return false }
    var multiple = bounds.low / step * step
    if multiple < bounds.low || (multiple == bounds.low && !bounds.inclusive) { multiple += step }
    return multiple < bounds.high || (multiple == bounds.high && bounds.inclusive)
  }
}
