/// A price: an exact decimal held as `raw` units of `10^-precision` (the instrument's price
/// precision). Never a `Double` in the ledger; `doubleValue` exists for indicators and plugins.
///
/// Arithmetic and comparison between prices of different precisions rescale exactly; the kernel
/// keeps one precision per instrument, so on the hot path no rescale happens.
public struct Price: DecimalValue {
  /// The value in units of `10^-precision`.
  public var raw: Int64
  /// Decimal places.
  public var precision: UInt8

  @inlinable
  public init(raw: Int64, precision: UInt8) {
    self.raw = raw
    self.precision = precision
  }

  /// The same price at `precision` (exact when it gains digits, half-even when it loses them).
  public func rescaled(to precision: UInt8) -> Price? {
    FixedPoint.rescale(raw, from: self.precision, to: precision).map {
      Price(raw: $0, precision: precision)
    }
  }

  /// `self + ticks * tick` (slippage, collars).
  @inlinable
  public func offset(ticks: Int64, tick: Price) -> Price {
    Price(raw: raw + ticks * tick.raw, precision: precision)
  }
}
