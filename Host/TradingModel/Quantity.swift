/// A size (order quantity, position, volume): an exact decimal held as `raw` units of
/// `10^-precision` (the instrument's size precision). A position's quantity is signed (negative
/// is short); an order's is positive and its side says the direction.
public struct Quantity: DecimalValue {
  /// The value in units of `10^-precision`.
  public var raw: Int64
  /// Decimal places.
  public var precision: UInt8

  @inlinable
  public init(raw: Int64, precision: UInt8) {
    self.raw = raw
    self.precision = precision
  }

  @inlinable public var isZero: Bool { raw == 0 }

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
}
