/// A typed parameter value: a spec's default, or a user override after checking.
///
/// `description` is the value as a user would type it: `10`, `0.25`, `true`, `fast`.
public enum ParameterValue: Sendable, Hashable, CustomStringConvertible {
  /// The value of an `int` parameter.
  case int(Int64)
  /// The value of a `float` parameter; always finite.
  case float(Double)
  /// The value of a `bool` parameter.
  case bool(Bool)
  /// The value of an `enum` parameter: one of the spec's choices.
  case choice(String)

  /// The type this value belongs to.
  public var type: ParameterType {
    switch self {
    case .int: .int
    case .float: .float
    case .bool: .bool
    case .choice: .enum
    }
  }

  public var description: String {
    switch self {
    case .int(let value): String(value)
    case .float(let value): String(value)
    case .bool(let value): value ? "true" : "false"
    case .choice(let value): value
    }
  }
}
