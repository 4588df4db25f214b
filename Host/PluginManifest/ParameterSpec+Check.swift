extension ParameterSpec {
  /// Relative tolerance of the step check for `float` parameters.
  static let stepTolerance = 1e-9

  /// Checks a value of this spec's type against the bounds, the step grid and the choices.
  ///
  /// - Returns: nil if `value` is allowed, else the end of a sentence whose subject is the
  ///   value, e.g. `"is above max 500"`. The caller supplies the subject.
  /// - Precondition: `value.type == type` (a mismatch is reported as a problem, never trapped).
  public func problem(with value: ParameterValue) -> String? {
    switch value {
    case .int(let number):
      guard type == .int else { return "is not of type \(type.rawValue)" }
      return intProblem(number)
    case .float(let number):
      guard type == .float else { return "is not of type \(type.rawValue)" }
      return floatProblem(number)
    case .bool:
      return type == .bool ? nil : "is not of type \(type.rawValue)"
    case .choice(let text):
      guard type == .enum else { return "is not of type \(type.rawValue)" }
      return choices.contains(text)
        ? nil : "is not one of the choices \(choices.joined(separator: ", "))"
    }
  }

  /// A bound formatted for a message: `500`, `0`, `0.25` (no `.0` on whole numbers).
  func format(_ x: Double) -> String {
    if abs(x) < 1e15, let integer = Int64(exactly: x) { return String(integer) }
    return String(x)
  }

  private func intProblem(_ number: Int64) -> String? {
    if let min, Self.compare(number, min) < 0 { return "is below min \(format(min))" }
    if let max, Self.compare(number, max) > 0 { return "is above max \(format(max))" }
    guard let step else { return nil }
    let base = min ?? 0
    if let stepInt = Int64(exactly: step), stepInt > 0, let baseInt = Int64(exactly: base) {
      let (difference, overflow) = number.subtractingReportingOverflow(baseInt)
      if !overflow {
        return difference % stepInt == 0 ? nil : offStep(base: base, step: step)
      }
    }
    return isOnGrid(Double(number), base: base, step: step) ? nil : offStep(base: base, step: step)
  }

  /// -1, 0 or 1 as `number` is below, at or above `bound`; exact when `bound` is an Int64.
  private static func compare(_ number: Int64, _ bound: Double) -> Int {
    if let exact = Int64(exactly: bound) { return number < exact ? -1 : (number > exact ? 1 : 0) }
    let value = Double(number)
    return value < bound ? -1 : (value > bound ? 1 : 0)
  }

  private func floatProblem(_ number: Double) -> String? {
    guard number.isFinite else { return "is not a finite number" }
    if let min, number < min { return "is below min \(format(min))" }
    if let max, number > max { return "is above max \(format(max))" }
    guard let step else { return nil }
    let base = min ?? 0
    return isOnGrid(number, base: base, step: step) ? nil : offStep(base: base, step: step)
  }

  private func isOnGrid(_ number: Double, base: Double, step: Double) -> Bool {
    guard step > 0, step.isFinite else { return true }
    let steps = (number - base) / step
    guard steps.isFinite else { return false }
    return abs(steps - steps.rounded()) <= Self.stepTolerance * Swift.max(1, abs(steps))
  }

  private func offStep(base: Double, step: Double) -> String {
    min == nil
      ? "is not a whole multiple of step \(format(step))"
      : "is not min \(format(base)) plus a whole multiple of step \(format(step))"
  }
}
