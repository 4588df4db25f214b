/// The type of a plugin parameter, declared by the `type` key of a parameter spec.
public enum ParameterType: String, Sendable, CaseIterable {
  /// A 64-bit signed integer; `min`, `max` and `step` must be integers.
  case int
  /// A finite 64-bit floating-point number.
  case float
  /// `true` or `false`; no bounds.
  case bool
  /// One of the strings listed in `choices`; no bounds.
  case `enum`
}
