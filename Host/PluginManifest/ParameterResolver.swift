/// Combines a plugin's parameter specs with the values a user gave for them.
public enum ParameterResolver {
  /// Returns one value per spec, in the specs' order: the override if given, else the default.
  ///
  /// Overrides are text as typed by a user: an integer such as `10` or `-3` for `int`; a decimal
  /// number such as `0.25`, `2` or `1e-3` for `float` (no `inf` or `nan`); `true` or `false` for
  /// `bool` (also `True`, `TRUE`, `False`, `FALSE`); one of the choices, exactly, for `enum`.
  /// Each is checked against its spec: `min` and `max` are inclusive; with `step`, the value
  /// minus `min` (or minus 0 without `min`) must be a whole multiple of `step`, exactly for
  /// `int` and within a relative tolerance of 1e-9 for `float`.
  ///
  /// - Parameters:
  ///   - specs: The plugin's specs, normally `Manifest.parameters`.
  ///   - overrides: Name and text pairs, in the order the user gave them.
  ///   - plugin: The plugin's id, used in the error.
  /// - Throws: `ParameterError` listing every problem: an unknown name (with the known names),
  ///   a name given more than once, text that is not of the parameter's type, a value out of
  ///   bounds, off the step grid or not among the choices.
  public static func resolve(
    _ specs: [ParameterSpec],
    overrides: [(name: String, value: String)],
    plugin: String
  ) throws(ParameterError) -> [ResolvedParameter] {
    var problems: [String] = []
    var given: [String: ParameterValue] = [:]
    var seen: Set<String> = []
    for (name, text) in overrides {
      guard let spec = specs.first(where: { $0.name == name }) else {
        let known =
          specs.isEmpty
          ? "this plugin has no parameters"
          : "known parameters are \(specs.map(\.name).joined(separator: ", "))"
        problems.append("unknown parameter \(name); \(known)")
        continue
      }
      guard seen.insert(name).inserted else {
        problems.append("parameter \(name) is given more than once")
        given[name] = nil
        continue
      }
      guard let value = parse(text, as: spec) else {
        problems.append(
          "parameter \(name) expects \(expectation(for: spec)), got \(text.debugDescription)")
        continue
      }
      if let problem = spec.problem(with: value) {
        problems.append("parameter \(name) = \(value) \(problem)")
        continue
      }
      given[name] = value
    }
    guard problems.isEmpty else { throw ParameterError(plugin: plugin, problems: problems) }
    return specs.map { spec in
      let value = given[spec.name] ?? spec.defaultValue
      var index: Int?
      if case .choice(let choice) = value { index = spec.choices.firstIndex(of: choice) }
      return ResolvedParameter(name: spec.name, type: spec.type, value: value, choiceIndex: index)
    }
  }

  private static func parse(_ text: String, as spec: ParameterSpec) -> ParameterValue? {
    switch spec.type {
    case .int: ValueText.integer(text).map { .int($0) }
    case .float: ValueText.number(text).map { .float($0) }
    case .bool: ValueText.bool(text).map { .bool($0) }
    case .enum: .choice(text)
    }
  }

  private static func expectation(for spec: ParameterSpec) -> String {
    switch spec.type {
    case .int: "an integer"
    case .float: "a number"
    case .bool: "true or false"
    case .enum: "one of \(spec.choices.joined(separator: ", "))"
    }
  }
}
