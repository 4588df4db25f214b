/// A size (order quantity, position, volume): an exact decimal held as `raw` units of
/// `10^-precision` (the instrument's size precision). A position's quantity is signed (negative
/// is short); an order's is positive and its side says the direction.
public struct Quantity: Hashable, Sendable, Comparable, CustomStringConvertible {
  /// The value in units of `10^-precision`.
  public var raw: Int64
  /// Decimal places.
  public var precision: UInt8

  @inlinable
  public init(raw: Int64, precision: UInt8) {
    self.raw = raw
    self.precision = precision
  }

  /// Parses decimal text exactly; `nil` when it is not a decimal or is too precise.
  public init?(_ text: String, precision: UInt8) {
    guard let raw = FixedPoint.parse(Array(text.utf8), precision: precision) else { return nil }
    self.init(raw: raw, precision: precision)
  }

  /// Zero at `precision`.
  public static func zero(precision: UInt8) -> Quantity { Quantity(raw: 0, precision: precision) }

  @inlinable public var isZero: Bool { raw == 0 }

  /// The nearest `Double` (for plugins, never for accounting).
  @inlinable
  public var doubleValue: Double { Double(raw) / Double(FixedPoint.scale(precision)) }

  /// The absolute value.
  @inlinable public var magnitude: Quantity {
    Quantity(raw: raw < 0 ? -raw : raw, precision: precision)
  }

  @inlinable
  public static prefix func - (value: Quantity) -> Quantity {
    Quantity(raw: -value.raw, precision: value.precision)
  }

  /// Same-precision sum (the kernel keeps one size precision per instrument).
  @inlinable
  public static func + (lhs: Quantity, rhs: Quantity) -> Quantity {
    precondition(lhs.precision == rhs.precision, "quantities of different precisions")
    return Quantity(raw: lhs.raw + rhs.raw, precision: lhs.precision)
  }

  /// Same-precision difference.
  @inlinable
  public static func - (lhs: Quantity, rhs: Quantity) -> Quantity {
    precondition(lhs.precision == rhs.precision, "quantities of different precisions")
    return Quantity(raw: lhs.raw - rhs.raw, precision: lhs.precision)
  }

  public var description: String { FixedPoint.format(raw, precision: precision) }

  @inlinable
  public static func < (lhs: Quantity, rhs: Quantity) -> Bool {
    FixedPoint.isLess(lhs.raw, lhs.precision, rhs.raw, rhs.precision)
  }

  /// Equal values at different precisions are equal (`1.500 == 1.5`), as `<` already orders
  /// them, and as `Price` does.
  @inlinable
  public static func == (lhs: Quantity, rhs: Quantity) -> Bool {
    if lhs.precision == rhs.precision { return lhs.raw == rhs.raw }
    return !(lhs < rhs) && !(rhs < lhs)
  }

  public func hash(into hasher: inout Hasher) {
    FixedPoint.hashNormalized(raw, precision, into: &hasher)
  }
}
