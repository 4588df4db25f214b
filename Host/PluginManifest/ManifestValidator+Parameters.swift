import Yams

/// The `parameters` mapping and each parameter spec in it.
extension ManifestValidator {
  static let specKeys = ["type", "default", "min", "max", "step", "choices", "description"]

  /// The specs of a `parameters` value, in declaration order; only specs without problems.
  mutating func parameterSpecs(_ entry: Entry) -> [ParameterSpec] {
    guard case .mapping(let mapping) = entry.value else {
      mismatch(entry.value, path: "parameters", expected: "a mapping of parameter names to specs")
      return []
    }
    var specs: [ParameterSpec] = []
    var firstKeys: [String: Node] = [:]
    for (key, value) in mapping {
      guard let name = document.keyName(key) else {
        report("keys must be strings, found \(found(key))", at: key, path: "parameters")
        continue
      }
      if let first = firstKeys[name] {
        let line = document.position(first).map { "; it was first given at line \($0.line)" } ?? ""
        report("duplicate key \(Self.render(name))\(line)", at: key, path: "parameters")
        continue
      }
      firstKeys[name] = key
      var nameIsValid = true
      if !NameRules.isParameterName(name) {
        report(
          "invalid parameter name \(Self.quote(name)); names are \(NameRules.parameterNameRule)",
          at: key, path: "parameters")
        nameIsValid = false
      }
      let spec = parameterSpec(name: name, key: key, value: value)
      if nameIsValid, let spec { specs.append(spec) }
    }
    return specs
  }

  /// One spec; nil after reporting any problem in it.
  private mutating func parameterSpec(name: String, key: Node, value: Node) -> ParameterSpec? {
    let path = "parameters.\(name)"
    guard case .mapping(let mapping) = value else {
      mismatch(
        value, path: path, expected: "a parameter spec (a mapping with `type` and `default`)")
      return nil
    }
    let before = problems.count
    let entries = entries(of: mapping, path: path, allowed: Self.specKeys)
    requireKeys(["type", "default"], in: entries, mapping: value, path: path)
    let type = entries["type"].flatMap {
      choice($0.value, path: "\(path).type", as: ParameterType.self)
    }
    let description = entries["description"].flatMap {
      string($0.value, path: "\(path).description")
    }
    guard let type else { return nil }

    let numeric = type == .int || type == .float
    var bounds: [String: Double] = [:]
    var boundsAreValid = true
    for bound in ["min", "max", "step"] {
      guard let entry = entries[bound] else { continue }
      guard numeric else {
        report("`\(bound)` is only allowed for int and float parameters", at: entry.key, path: path)
        continue
      }
      if let number = number(entry.value, path: "\(path).\(bound)", integral: type == .int) {
        bounds[bound] = number
      } else {
        boundsAreValid = false
      }
    }
    let draft = ParameterSpec(
      name: name, type: type, defaultValue: .bool(false),
      min: bounds["min"], max: bounds["max"], step: bounds["step"])
    if let min = bounds["min"], let max = bounds["max"], min > max, let node = entries["min"]?.value
    {
      report(
        "min \(draft.format(min)) is greater than max \(draft.format(max))", at: node,
        path: "\(path).min")
      boundsAreValid = false
    }
    if let step = bounds["step"], step <= 0, let node = entries["step"]?.value {
      report(
        "step must be greater than 0, found \(draft.format(step))", at: node, path: "\(path).step")
      boundsAreValid = false
    }

    var choices: [String] = []
    var choicesAreValid = true
    if let entry = entries["choices"] {
      if type == .enum {
        if case .sequence(let sequence) = entry.value, !sequence.isEmpty {
          choices = distinctStrings(sequence, path: "\(path).choices", noun: "choice") ?? []
          choicesAreValid = !choices.isEmpty
        } else {
          mismatch(entry.value, path: "\(path).choices", expected: "a non-empty list of choices")
          choicesAreValid = false
        }
      } else {
        report("`choices` is only allowed for enum parameters", at: entry.key, path: path)
      }
    } else if type == .enum {
      requireKeys(
        ["choices"], in: entries, mapping: value, path: path, note: " for an enum parameter")
      choicesAreValid = false
    }

    guard let defaultNode = entries["default"]?.value,
      let defaultValue = typedValue(defaultNode, type: type, path: "\(path).default")
    else { return nil }
    let spec = ParameterSpec(
      name: name, type: type, defaultValue: defaultValue,
      min: bounds["min"], max: bounds["max"], step: bounds["step"],
      choices: choices, description: description,
      line: document.position(key)?.line ?? 0, column: document.position(key)?.column ?? 0
    )
    if boundsAreValid, choicesAreValid, let problem = spec.problem(with: defaultValue) {
      report("\(defaultValue) \(problem)", at: defaultNode, path: "\(path).default")
    }
    return problems.count == before ? spec : nil
  }

  /// A value of `type` written in YAML: a plain integer, number or boolean, or any string for enum.
  private mutating func typedValue(_ node: Node, type: ParameterType, path: String)
    -> ParameterValue?
  {
    switch type {
    case .int:
      return integer(node, path: path, in: Int64.min...Int64.max, expected: "an integer").map {
        .int($0)
      }
    case .float:
      return number(node, path: path, integral: false).map { .float($0) }
    case .bool:
      guard let raw = plainText(node, path: path, expected: "true or false") else { return nil }
      guard let value = ValueText.bool(raw) else {
        mismatch(node, path: path, expected: "true or false")
        return nil
      }
      return .bool(value)
    case .enum:
      return text(node, path: path, expected: "one of the choices").map { .choice($0) }
    }
  }
}
