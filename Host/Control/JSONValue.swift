/// A JSON value: what a control handler returns as its result, and what the control protocol
/// reads and writes on the wire.
///
/// Integers and other numbers are kept apart so an `Int64` such as a bar count or an order id
/// survives a round trip exactly: `.integer(2)` and `.number(2.0)` are different values. The
/// parser (`init(jsonText:)`) produces `.integer` for a literal without fraction or exponent that
/// fits in `Int64`, and `.number` for every other number.
///
/// A pure value: any thread may create, read and compare it; nothing here blocks.
public enum JSONValue: Sendable, Equatable {
  /// `null`.
  case null
  /// `true` or `false`.
  case bool(Bool)
  /// A number that is not an integer (or does not fit in `Int64`). Written as `null` when it is
  /// not finite, since JSON has no NaN or infinity.
  case number(Double)
  /// An integer that fits in `Int64`.
  case integer(Int64)
  /// A string.
  case string(String)
  /// An array.
  case array([JSONValue])
  /// An object; written with its keys sorted, so the same value always gives the same text.
  case object([String: JSONValue])

  /// The member `key` of an object, or nil (also when this is not an object).
  public subscript(key: String) -> JSONValue? {
    guard case .object(let members) = self else { return nil }
    return members[key]
  }

  /// The string, or nil when this is not a string.
  public var stringValue: String? {
    guard case .string(let text) = self else { return nil }
    return text
  }

  /// The number (an integer as a double), or nil when this is not a number.
  public var numberValue: Double? {
    switch self {
    case .number(let value): value
    case .integer(let value): Double(value)
    default: nil
    }
  }
}
