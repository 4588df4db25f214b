import Yams

/// The keys that belong to one kind of plugin.
extension ManifestValidator {
  /// Kind-specific values that passed their checks.
  struct KindFields {
    var outputs: [String] = []
    var input: IndicatorInput?
    var output: ModelOutput?
    var features: Int?
    var venue: String?
  }

  /// Checks the kind-specific keys. With a known kind, a key of another kind is reported and
  /// its value ignored, and the kind's required keys must be present. With no valid kind, the
  /// values present are still type-checked, but nothing is required.
  mutating func kindSpecific(_ entries: Entries, kind: PluginKind?, root: Node)
    -> KindFields
  {
    var fields = KindFields()
    for (key, owner) in Self.kindKeys {
      guard let entry = entries[key] else { continue }
      if let kind, kind != owner {
        report("`\(key)` is only allowed for kind \(owner.rawValue)", at: entry.key, path: "")
        continue
      }
      switch key {
      case "outputs": fields.outputs = outputNames(entry.value) ?? []
      case "input": fields.input = choice(entry.value, path: key, as: IndicatorInput.self)
      case "output": fields.output = choice(entry.value, path: key, as: ModelOutput.self)
      case "ffi": break  // read by `foreignFunctions`, which needs the parameters
      case "features":
        fields.features = integer(
          entry.value, path: key, in: 1...Int64.max,
          expected: "a positive integer"
        ).map { Int($0) }
      default: fields.venue = string(entry.value, path: key)
      }
    }
    let required: [String] =
      switch kind {
      case .indicator: ["outputs"]
      case .model: ["output"]
      case .exchange: ["venue"]
      case .strategy, nil: []
      }
    if let kind {
      requireKeys(
        required, in: entries, mapping: root, path: "", note: " for kind \(kind.rawValue)")
    }
    return fields
  }

  /// A non-empty list of distinct non-empty names.
  private mutating func outputNames(_ node: Node) -> [String]? {
    guard case .sequence(let sequence) = node, !sequence.isEmpty else {
      mismatch(node, path: "outputs", expected: "a non-empty list of output names")
      return nil
    }
    return distinctStrings(sequence, path: "outputs", noun: "output name")
  }

  /// The items of `sequence` as non-empty strings without repeats; nil after reporting any problem.
  mutating func distinctStrings(_ sequence: Node.Sequence, path: String, noun: String) -> [String]?
  {
    var names: [String] = []
    var valid = true
    for (index, item) in sequence.enumerated() {
      let itemPath = "\(path)[\(index)]"
      guard let name = string(item, path: itemPath) else { valid = false; continue }
      if names.contains(name) {
        report("duplicate \(noun) \(Self.quote(name))", at: item, path: itemPath)
        valid = false
        continue
      }
      names.append(name)
    }
    return valid ? names : nil
  }
}
