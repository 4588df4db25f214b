import Foundation
import Yams

/// Strict reading of a YAML node tree: every key must be known, every value of the right shape;
/// problems are collected with their line and column, never thrown one by one.
struct PlanReader {
  let file: String
  var problems: [PlanError.Problem] = []

  /// The YAML document at `path` (`what` names it in errors: "run config", "risk file") and the
  /// folder relative paths in it resolve against. One error when the file cannot be read, is not
  /// UTF-8, is empty or is not YAML.
  static func document(at path: String, what: String) throws(PlanError) -> (
    root: Node, folder: String
  ) {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw PlanError([.init(file: path, message: "cannot read the \(what)")])
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw PlanError([.init(file: path, message: "the \(what) is not UTF-8 text")])
    }
    let folder = (path as NSString).deletingLastPathComponent
    return (try compose(text, file: path, what: what), folder.isEmpty ? "." : folder)
  }

  /// `text` as a YAML node tree; one error when it is empty or not YAML.
  static func compose(_ text: String, file: String, what: String) throws(PlanError) -> Node {
    let root: Node?
    do {
      root = try Yams.compose(yaml: text)
    } catch {
      throw PlanError([.init(file: file, message: "not valid YAML: \(error)")])
    }
    guard let root else { throw PlanError([.init(file: file, message: "the \(what) is empty")]) }
    return root
  }

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
