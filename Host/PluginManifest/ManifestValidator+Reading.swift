import Yams

/// Generic readers: mapping entries, scalars and typed values, each reporting what it rejects.
extension ManifestValidator {
  /// One key of a mapping with its value.
  struct Entry {
    let name: String
    let key: Node
    let value: Node
  }

  /// A mapping's entries by key name.
  typealias Entries = [String: Entry]

  /// The entries of `mapping` by name, first occurrence winning. Reports keys that are not
  /// scalars, repeated keys (at the repetition) and keys not in `allowed` (which are dropped).
  mutating func entries(of mapping: Node.Mapping, path: String, allowed: [String]) -> Entries {
    var result: Entries = [:]
    var firstKeys: [String: Node] = [:]
    for (key, value) in mapping {
      guard let name = document.keyName(key) else {
        report("keys must be strings, found \(found(key))", at: key, path: path)
        continue
      }
      if let first = firstKeys[name] {
        let line = document.position(first).map { "; it was first given at line \($0.line)" } ?? ""
        report("duplicate key \(Self.render(name))\(line)", at: key, path: path)
        continue
      }
      firstKeys[name] = key
      guard allowed.contains(name) else {
        report(
          "unknown key \(Self.render(name))\(Self.suggestion(for: name, among: allowed))", at: key,
          path: path)
        continue
      }
      result[name] = Entry(name: name, key: key, value: value)
    }
    return result
  }

  /// Reports each of `required` that `entries` lacks, at `mapping`.
  mutating func requireKeys(
    _ required: [String], in entries: Entries, mapping: Node, path: String,
    note: String = ""
  ) {
    for name in required where entries[name] == nil {
      report("missing required key `\(name)`\(note)", at: mapping, path: path)
    }
  }

  /// The text of a scalar that is not null or empty, or nil after reporting `expected`.
  mutating func text(_ node: Node, path: String, expected: String) -> String? {
    if case .scalar(let scalar) = node, !Self.isNull(node) {
      return scalar.string
    }
    mismatch(node, path: path, expected: expected)
    return nil
  }

  /// Like `text`, but also rejects text that is empty or only whitespace.
  mutating func string(_ node: Node, path: String) -> String? {
    guard let value = text(node, path: path, expected: "a non-empty string") else { return nil }
    if value.unicodeScalars.allSatisfy({ $0.properties.isWhitespace }) {
      report("expected a non-empty string, found \(found(node))", at: node, path: path)
      return nil
    }
    return value
  }

  /// The text of a plain (unquoted, non-null) scalar, or nil after reporting `expected`.
  mutating func plainText(_ node: Node, path: String, expected: String) -> String? {
    if case .scalar(let scalar) = node, scalar.style == .plain, !Self.isNull(node) {
      return scalar.string
    }
    mismatch(node, path: path, expected: expected)
    return nil
  }

  /// An integer in `range`; `expected` describes it.
  mutating func integer(_ node: Node, path: String, in range: ClosedRange<Int64>, expected: String)
    -> Int64?
  {
    guard let raw = plainText(node, path: path, expected: expected) else { return nil }
    guard let value = ValueText.integer(raw), range.contains(value) else {
      mismatch(node, path: path, expected: expected)
      return nil
    }
    return value
  }

  /// A finite decimal number; integral when `integral`, and then within ±2^53 so it is exact.
  mutating func number(_ node: Node, path: String, integral: Bool) -> Double? {
    if integral {
      let limit: Int64 = 1 << 53
      return integer(node, path: path, in: -limit...limit, expected: "an integer").map(Double.init)
    }
    guard let raw = plainText(node, path: path, expected: "a number") else { return nil }
    guard let value = ValueText.number(raw) else {
      mismatch(node, path: path, expected: "a number")
      return nil
    }
    return value
  }

  /// Reports "expected X, found Y" at `node`.
  mutating func mismatch(_ node: Node, path: String, expected: String) {
    report("expected \(expected), found \(found(node))", at: node, path: path)
  }

  /// Records one problem at `node`, prefixed with `path` when it is not empty.
  mutating func report(_ sentence: String, at node: Node, path: String) {
    let place = document.position(node)
    problems.append(
      ManifestProblem(
        file: file, line: place?.line, column: place?.column,
        message: path.isEmpty ? sentence : "\(path): \(sentence)"
      ))
  }

  /// How a node reads in a message: `"ten"`, `12`, `nothing`, `a list`.
  func found(_ node: Node) -> String {
    switch node {
    case .scalar(let scalar):
      if scalar.style == .plain {
        if scalar.string.isEmpty { return "nothing" }
        let tag = node.tag.rawValue
        if tag == Tag.Name.null.rawValue { return "null" }
        if [Tag.Name.int, .float, .bool].contains(where: { $0.rawValue == tag }) {
          return Self.clip(scalar.string)
        }
        return Self.quote(scalar.string)
      }
      return "the string \(Self.quote(scalar.string))"
    case .mapping(let mapping):
      return mapping.isEmpty ? "an empty mapping" : "a mapping"
    case .sequence(let sequence):
      return sequence.isEmpty ? "an empty list" : "a list"
    case .alias:
      return "an alias"
    }
  }

  /// True for a plain scalar that YAML reads as null: empty, `~`, `null`.
  static func isNull(_ node: Node) -> Bool {
    guard case .scalar(let scalar) = node, scalar.style == .plain else { return false }
    return scalar.string.isEmpty || node.tag.rawValue == Tag.Name.null.rawValue
  }

  /// A key name for a message: in backquotes, or quoted when it has odd characters.
  static func render(_ name: String) -> String {
    let plain =
      !name.isEmpty
      && name.unicodeScalars.allSatisfy {
        $0.isASCIIAlphanumeric || $0 == "_" || $0 == "-" || $0 == "."
      }
    return plain ? "`\(name)`" : quote(name)
  }

  /// `text` in double quotes with escapes, clipped to 60 characters.
  static func quote(_ text: String) -> String {
    clip(text).debugDescription
  }

  private static func clip(_ text: String) -> String {
    let limit = 60
    guard text.unicodeScalars.count > limit else { return text }
    var view = String.UnicodeScalarView()
    view.append(contentsOf: text.unicodeScalars.prefix(limit))
    return String(view) + "..."
  }

  /// "; did you mean `x`?" for the allowed name closest to `name`, if it is close enough.
  private static func suggestion(for name: String, among allowed: [String]) -> String {
    let scored = allowed.map { ($0, editDistance(name, $0)) }
    guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= 2, best.1 < name.count else {
      return ""
    }
    return "; did you mean `\(best.0)`?"
  }

  /// Levenshtein distance over Unicode scalars, giving up (returning a large number) on long input.
  private static func editDistance(_ a: String, _ b: String) -> Int {
    let left = Array(a.unicodeScalars), right = Array(b.unicodeScalars)
    guard left.count <= 64, right.count <= 64 else { return Int.max }
    var previous = Array(0...right.count)
    for (i, l) in left.enumerated() {
      var current = [i + 1]
      for (j, r) in right.enumerated() {
        current.append(
          Swift.min(previous[j + 1] + 1, current[j] + 1, previous[j] + (l == r ? 0 : 1)))
      }
      previous = current
    }
    return previous[right.count]
  }
}
