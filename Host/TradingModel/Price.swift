/// A price: an exact decimal held as `raw` units of `10^-precision` (the instrument's price
/// precision). Never a `Double` in the ledger; `doubleValue` exists for indicators and plugins.
///
/// Arithmetic and comparison between prices of different precisions rescale exactly; the kernel
/// keeps one precision per instrument, so on the hot path no rescale happens.
public struct Price: Hashable, Sendable, Comparable, CustomStringConvertible {
  /// The value in units of `10^-precision`.
  public var raw: Int64
  /// Decimal places.
  public var precision: UInt8

  @inlinable
  public init(raw: Int64, precision: UInt8) {
    self.raw = raw
    self.precision = precision
  }

  /// Parses decimal text exactly (`"167.41"`); `nil` when it is not a decimal or has more
  /// significant decimals than `precision`.
  public init?(_ text: String, precision: UInt8) {
    guard let raw = FixedPoint.parse(Array(text.utf8), precision: precision) else { return nil }
    self.init(raw: raw, precision: precision)
  }

  /// Zero at `precision`.
  public static func zero(precision: UInt8) -> Price { Price(raw: 0, precision: precision) }

  /// The nearest `Double` (for plugins and indicators, never for accounting).
  @inlinable
  public var doubleValue: Double { Double(raw) / Double(FixedPoint.scale(precision)) }

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

  public var description: String { FixedPoint.format(raw, precision: precision) }

  @inlinable
  public static func < (lhs: Price, rhs: Price) -> Bool {
    FixedPoint.isLess(lhs.raw, lhs.precision, rhs.raw, rhs.precision)
  }

  @inlinable
  public static func == (lhs: Price, rhs: Price) -> Bool {
    if lhs.precision == rhs.precision { return lhs.raw == rhs.raw }
    return !(lhs < rhs) && !(rhs < lhs)
  }

  public func hash(into hasher: inout Hasher) {
    FixedPoint.hashNormalized(raw, precision, into: &hasher)
  }
}
