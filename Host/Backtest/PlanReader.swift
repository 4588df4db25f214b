import Yams

/// Strict reading of a YAML node tree: every key must be known, every value of the right shape;
/// problems are collected with their line and column, never thrown one by one.
struct PlanReader {
  let file: String
  var problems: [PlanError.Problem] = []

  mutating func problem(_ node: Node?, _ message: String) {
    problems.append(
      PlanError.Problem(
        file: file, line: node?.mark.map { $0.line }, column: node?.mark.map { $0.column },
        message: message))
  }

  /// The mapping's entries by key; unknown keys are problems.
  mutating func mapping(_ node: Node, _ what: String, allowed: Set<String>) -> [String: Node] {
    guard case .mapping(let mapping) = node else {
      problem(node, "\(what) must be a mapping")
      return [:]
    }
    var entries: [String: Node] = [:]
    for (key, value) in mapping {
      guard case .scalar(let scalar) = key else {
        problem(key, "\(what): keys must be plain words")
        continue
      }
      guard allowed.contains(scalar.string) else {
        problem(
          key,
          "\(what): unknown key '\(scalar.string)' (known: \(allowed.sorted().joined(separator: ", ")))"
        )
        continue
      }
      entries[scalar.string] = value
    }
    return entries
  }

  mutating func sequence(_ node: Node, _ what: String) -> [Node] {
    guard case .sequence(let sequence) = node else {
      problem(node, "\(what) must be a list")
      return []
    }
    return Array(sequence)
  }

  mutating func string(_ node: Node?, _ what: String) -> String? {
    guard let node else { return nil }
    guard case .scalar(let scalar) = node, !scalar.string.isEmpty else {
      problem(node, "\(what) must be a non-empty value")
      return nil
    }
    return scalar.string
  }

  mutating func integer(_ node: Node?, _ what: String, range: ClosedRange<Int>) -> Int? {
    guard let text = string(node, what) else { return nil }
    guard let value = Int(text), range.contains(value) else {
      problem(
        node,
        "\(what) must be a whole number in \(range.lowerBound)...\(range.upperBound), not '\(text)'"
      )
      return nil
    }
    return value
  }

  mutating func bool(_ node: Node?, _ what: String) -> Bool? {
    guard let text = string(node, what) else { return nil }
    switch text {
    case "true", "yes": return true
    case "false", "no": return false
    default:
      problem(node, "\(what) must be true or false, not '\(text)'")
      return nil
    }
  }
}
