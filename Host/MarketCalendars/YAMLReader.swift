import YAMLSupport
import Yams

/// Strict reading of a composed calendar file: every key must be known, every value of the right
/// shape; problems are collected with their line and column, never thrown one by one. Load time
/// only.
struct YAMLReader {
  /// One entry of a mapping, its key as written.
  struct Entry {
    let key: String
    let keyNode: Node
    let value: Node
  }

  let file: String
  let document: ComposedDocument
  private(set) var problems: [CalendarProblem] = []

  init(file: String, document: ComposedDocument) {
    self.file = file
    self.document = document
  }

  /// Records `message` at `node`'s place (or without a place).
  mutating func problem(_ node: Node?, _ message: String) {
    let place = node.flatMap(document.position)
    problems.append(
      CalendarProblem(file: file, line: place?.line, column: place?.column, message: message))
  }

  /// The entries of the mapping `node` in file order. Keys that are not plain text, keys not in
  /// `known` (when given) and repeated keys are problems and are left out.
  mutating func entries(_ node: Node, at path: String, expected: String, known: [String]? = nil)
    -> [Entry]?
  {
    guard case .mapping(let mapping) = node else {
      problem(node, "\(path): expected \(expected), found \(describe(node))")
      return nil
    }
    var entries: [Entry] = []
    var firstLines: [String: Int] = [:]
    for (keyNode, value) in mapping {
      guard let key = document.keyName(keyNode), !key.isEmpty else {
        problem(keyNode, "\(path): a key must be plain text, not \(describe(keyNode))")
        continue
      }
      if let line = firstLines[key] {
        problem(
          keyNode, "\(path): the key `\(key)` is repeated; it was first given at line \(line)")
        continue
      }
      firstLines[key] = document.position(keyNode)?.line ?? 0
      if let known, !known.contains(key) {
        let hint = Suggestion.closest(to: key, in: known).map { "; did you mean `\($0)`?" }
        problem(
          keyNode,
          "\(path): unknown key `\(key)`"
            + (hint ?? " (known keys: \(known.joined(separator: ", ")))"))
        continue
      }
      entries.append(Entry(key: key, keyNode: keyNode, value: value))
    }
    return entries
  }

  /// Records a problem for each key in `required` that `entries` lacks, at the mapping `node`.
  mutating func require(_ required: [String], in entries: [Entry], of node: Node, at path: String) {
    for key in required where !entries.contains(where: { $0.key == key }) {
      problem(node, "\(path): missing required key `\(key)`")
    }
  }

  /// The items of the list `node`.
  mutating func sequence(_ node: Node, at path: String, expected: String) -> [Node]? {
    guard case .sequence(let sequence) = node else {
      problem(node, "\(path): expected \(expected), found \(describe(node))")
      return nil
    }
    return Array(sequence)
  }

  /// The text of the non-empty scalar `node` as written (also for a renamed repeated key).
  mutating func text(_ node: Node, at path: String, expected: String) -> String? {
    guard let text = document.keyName(node), !text.isEmpty else {
      problem(node, "\(path): expected \(expected), found \(describe(node))")
      return nil
    }
    return text
  }

  /// What a node is, for messages: `a list`, `a mapping`, `nothing`, or the text in backticks.
  func describe(_ node: Node) -> String {
    switch node {
    case .mapping: "a mapping"
    case .sequence: "a list"
    case .alias: "an alias"
    case .scalar(let scalar):
      scalar.string.isEmpty ? "nothing" : "`\(document.keyName(node) ?? scalar.string)`"
    }
  }
}
