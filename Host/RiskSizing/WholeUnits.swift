/// Converts a non-negative `Double` count (of lots, of ticks) to a whole number, tolerating the
/// binary representation error of decimal inputs: a value within `tolerance` (relative) of the
/// whole number on the other side of the rounding direction counts as that whole number, so
/// `0.6 - 0.4 / 2 = 0.39999999999999997` sizes like `0.4` instead of losing a lot. The largest
/// overshoot this allows is `1e-12` of the value, far below one lot or one tick.
///
/// Pure functions; any thread; no allocation.
enum WholeUnits {
  /// The relative tolerance (a few hundred times the error of the handful of `Double`
  /// operations in any formula of this module).
  static let tolerance = 1e-12

  /// The whole number at or below `value`, in `0...limit`: `0` for NaN and values at or below
  /// zero, `limit` for values at or above it.
  @inline(__always)
  static func floor(_ value: Double, limit: Int64) -> Int64 {
    guard value > 0 else { return 0 }
    guard value < Double(limit) else { return limit }
    let down = value.rounded(.down)
    let up = down + 1
    let whole = up - value <= tolerance * up ? up : down
    return min(Int64(whole), limit)
  }

  /// The whole number at or above `value`, in `0...limit`: `0` for NaN and values at or below
  /// zero, `limit` for values at or above it.
  @inline(__always)
  static func ceil(_ value: Double, limit: Int64) -> Int64 {
    guard value > 0 else { return 0 }
    guard value < Double(limit) else { return limit }
    let up = value.rounded(.up)
    let down = up - 1
    let whole = down > 0 && value - down <= tolerance * down ? down : up
    return min(Int64(whole), limit)
  }
}
