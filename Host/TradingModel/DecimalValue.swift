/// What `Price` and `Quantity` share: an exact decimal held as `raw` units of `10^-precision`.
/// Parsing, zero, the nearest double, text, ordering, equality and hashing are written once here,
/// all exact across precisions (`1.500 == 1.5`, and they hash alike). Pure values; any thread.
public protocol DecimalValue: Hashable, Sendable, Comparable, CustomStringConvertible {
  /// The value in units of `10^-precision`.
  var raw: Int64 { get set }
  /// Decimal places.
  var precision: UInt8 { get set }
  init(raw: Int64, precision: UInt8)
}

extension DecimalValue {
  /// Parses decimal text exactly (`"167.41"`); `nil` when it is not a decimal or has more
  /// significant decimals than `precision` (never rounded).
  public init?(_ text: String, precision: UInt8) {
    guard let raw = FixedPoint.parse(Array(text.utf8), precision: precision) else { return nil }
    self.init(raw: raw, precision: precision)
  }

  /// Zero at `precision`.
  public static func zero(precision: UInt8) -> Self { Self(raw: 0, precision: precision) }

  /// The nearest `Double` (for plugins and indicators, never for accounting).
  @inlinable
  public var doubleValue: Double { Double(raw) / Double(FixedPoint.scale(precision)) }

  public var description: String { FixedPoint.format(raw, precision: precision) }

  @inlinable
  public static func < (lhs: Self, rhs: Self) -> Bool {
    FixedPoint.isLess(lhs.raw, lhs.precision, rhs.raw, rhs.precision)
  }

  @inlinable
  public static func == (lhs: Self, rhs: Self) -> Bool {
    if lhs.precision == rhs.precision { return lhs.raw == rhs.raw }
    return !(lhs < rhs) && !(rhs < lhs)
  }

  public func hash(into hasher: inout Hasher) {
    FixedPoint.hashNormalized(raw, precision, into: &hasher)
  }
}
