/// One entry of a manifest's `parameters` mapping: a named, typed, bounded setting of a plugin.
///
/// A spec that came out of `ManifestParser` is consistent: `defaultValue` has `type`'s case and
/// passes `problem(with:)`, `min`/`max`/`step` are set only for `int` and `float` (integers for
/// `int`), `min <= max`, `step > 0`, and `choices` is non-empty and distinct exactly when
/// `type == .enum`.
public struct ParameterSpec: Sendable, Hashable {
  /// The parameter's name, `^[a-z][a-z0-9_]{0,63}$`.
  public let name: String
  public let type: ParameterType
  /// The value used when the user gives none.
  public let defaultValue: ParameterValue
  /// Inclusive lower bound (`int` and `float` only).
  public let min: Double?
  /// Inclusive upper bound (`int` and `float` only).
  public let max: Double?
  /// Grid spacing (`int` and `float` only): a value must be `min` (or 0 without `min`)
  /// plus a whole multiple of `step`.
  public let step: Double?
  /// The allowed values of an `enum` parameter, in declaration order; empty otherwise.
  public let choices: [String]
  public let description: String?
  /// 1-based line of the parameter's name in the manifest (0 if not from a file).
  public let line: Int
  /// 1-based column of the parameter's name in the manifest (0 if not from a file).
  public let column: Int

  public init(
    name: String,
    type: ParameterType,
    defaultValue: ParameterValue,
    min: Double? = nil,
    max: Double? = nil,
    step: Double? = nil,
    choices: [String] = [],
    description: String? = nil,
    line: Int = 0,
    column: Int = 0
  ) {
    self.name = name
    self.type = type
    self.defaultValue = defaultValue
    self.min = min
    self.max = max
    self.step = step
    self.choices = choices
    self.description = description
    self.line = line
    self.column = column
  }
}
