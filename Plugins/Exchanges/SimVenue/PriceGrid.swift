/// An instrument's price grid: prices the venue emits are whole multiples of the tick, written
/// with the instrument's number of decimals, so the host's fixed-point conversion accepts them.
struct PriceGrid: Sendable {
  /// 10^precision.
  private let scale: Double
  /// The tick in units of 10^-precision (at least 1).
  private let tickUnits: Double
  /// The largest number of ticks whose price is still exact in a double.
  private let maxTicks: Double

  /// A grid from instrument metadata; a missing or odd tick falls back to one unit of the last
  /// decimal.
  init(tickSize: Double, precision: UInt32) {
    let decimals = min(Int(precision), 9)
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    self.scale = scale
    let units = (tickSize * scale).rounded()
    tickUnits = units.isFinite && units >= 1 ? units : 1
    maxTicks = (0x1p52 / tickUnits).rounded(.down)
  }

  /// The default grid: cents.
  static let cents = PriceGrid(tickSize: 0.01, precision: 2)

  /// The tick size.
  var tick: Double { tickUnits / scale }

  /// `price` rounded to the nearest tick, and never below one tick.
  func round(_ price: Double) -> Double {
    var ticks = (price * scale / tickUnits).rounded()
    if !(ticks >= 1) { ticks = 1 }  // also catches NaN
    if ticks > maxTicks { ticks = maxTicks }
    return ticks * tickUnits / scale
  }
}
