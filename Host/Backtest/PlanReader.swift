import Foundation
import YAMLSupport
import Yams

/// Strict reading of a YAML node tree: every key must be known, given once, every value of the
/// right shape; problems are collected with their line and column, never thrown one by one.
struct PlanReader {
  let file: String
  /// The composed file: key names as written and positions in the original text.
  let document: ComposedDocument
  var problems: [PlanError.Problem] = []

  init(file: String, document: ComposedDocument) {
    self.file = file
    self.document = document
  }

  /// The YAML document at `path` (`what` names it in errors: "run config", "risk file") and the
  /// folder relative paths in it resolve against. One error when the file cannot be read, is not
  /// UTF-8, is empty or is not YAML.
  static func document(at path: String, what: String) throws(PlanError) -> (
    document: ComposedDocument, folder: String
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

  /// `text` composed; one error, located when possible, when it is empty or not YAML. Aliases
  /// may not stand in mapping keys (a key alias can make the composer hash an exponentially
  /// large tree: hostile input must not hang the host).
  static func compose(_ text: String, file: String, what: String) throws(PlanError)
    -> ComposedDocument
  {
    switch ComposedDocument.compose(text) {
    case .document(let document):
      return document
    case .empty:
      throw PlanError([.init(file: file, message: "the \(what) is empty")])
    case .invalid(let place, let problem):
      let message =
        switch problem {
        case .syntax(let text): "not valid YAML: \(text)"
        case .repeatedKey(let name, _): "the key '\(name)' is repeated too often"
        case .alias: "an alias (`*name`) cannot be used in a mapping key"
        }
      throw PlanError([
        .init(file: file, line: place?.line, column: place?.column, message: message)
      ])
    }
  }

  mutating func problem(_ node: Node?, _ message: String) {
    let place = node.flatMap(document.position)
    problems.append(
      PlanError.Problem(file: file, line: place?.line, column: place?.column, message: message))
  }

  /// The mapping's entries by key; unknown keys are problems.
  mutating func mapping(_ node: Node, _ what: String, allowed: Set<String>) -> [String: Node] {
    guard case .mapping(let mapping) = node else {
      problem(node, "\(what) must be a mapping")
      return [:]
    }
    var entries: [String: Node] = [:]
    for (name, key, value) in named(mapping, what) {
      guard allowed.contains(name) else {
        problem(
          key,
          "\(what): unknown key '\(name)' (known: \(allowed.sorted().joined(separator: ", ")))")
        continue
      }
      entries[name] = value
    }
    return entries
  }

  /// A mapping's entries in file order, by name as written: a key that is not a plain word, or
  /// that repeats an earlier one, is a problem (with the earlier one's line) and left out.
  mutating func named(_ mapping: Node.Mapping, _ what: String) -> [(
    name: String, key: Node, value: Node
  )] {
    var result: [(name: String, key: Node, value: Node)] = []
    var seen: [String: Node] = [:]
    for (key, value) in mapping {
      guard let name = document.keyName(key), !name.isEmpty else {
        problem(key, "\(what): keys must be plain words")
        continue
      }
      if let first = seen[name] {
        let line = document.position(first).map { " (first given at line \($0.line))" } ?? ""
        problem(key, "\(what): the key '\(name)' is given twice\(line)")
        continue
      }
      seen[name] = key
      result.append((name, key, value))
    }
    return result
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
