/// Why a plugin's `Double` (or a text field) was refused as a price, quantity or amount.
public enum ConversionError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The value is NaN.
  case notANumber
  /// The value is +/- infinity.
  case infinite
  /// The value does not fit the fixed-point range at the instrument's precision.
  case outOfRange
  /// A size (quantity) is negative.
  case negative
  /// A size is zero where a positive one is required.
  case zero
  /// A price is not a whole number of ticks (the value and the tick size).
  case offTick(value: String, tick: String)
  /// A size is not a whole number of lots (the value and the lot size).
  case offLot(value: String, lot: String)
  /// The value carries more decimals than the instrument's precision.
  case tooPrecise(value: Double, precision: UInt8)

  public var description: String {
    switch self {
    case .notANumber: "is NaN"
    case .infinite: "is infinite"
    case .outOfRange: "is out of range"
    case .negative: "is negative"
    case .zero: "is zero"
    case .offTick(let value, let tick): "\(value) is not a multiple of the tick size \(tick)"
    case .offLot(let value, let lot): "\(value) is not a multiple of the lot size \(lot)"
    case .tooPrecise(let value, let precision):
      "\(value) has more than \(precision) decimals"
    }
  }
}
