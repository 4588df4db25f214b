/// The checks the rules' `validate()` share: each returns the problem with its field, or `nil`.
extension AnalyticsConfigurationError.Problem {
  /// `value` must be finite and at least 0.
  static func checkNonNegative(_ field: String, _ value: Double) -> Self? {
    guard value.isFinite else { return .notFinite(field: field, value: value) }
    return value < 0 ? .negative(field: field, value: value) : nil
  }

  /// `value` must be at least `minimum`.
  static func checkAtLeast(_ field: String, _ value: Int, _ minimum: Int) -> Self? {
    value < minimum ? .belowMinimum(field: field, value: value, minimum: minimum) : nil
  }

  /// A drawdown limit: a fraction in `(0, 1]`.
  static func checkDrawdownLimit(_ field: String, _ value: Double) -> Self? {
    value > 0 && value <= 1 ? nil : .outOfRange(field: field, value: value, range: "(0, 1]")
  }
}
