import Yams

/// A YAML file (a plugin manifest, a calendar file) composed into a node tree whose keys may
/// repeat, with every node's position in the original text. Used at load time only.
///
/// Yams rejects a mapping with a repeated key and returns no tree, which would hide every other
/// problem in the file. So when Yams reports one, the first of the repeated keys is renamed in a
/// private copy of the text by prefixing it with `marker`, and the text is composed again. Key
/// names read through `keyName(_:)` have the marker removed, positions read through `position(_:)`
/// are mapped back to the original text, so the validator sees the file as written and reports
/// the repetition itself. At most `maximumRenames` keys are renamed; past that, or when a key
/// cannot be located safely, Yams' own duplicate-key error is reported instead.
public struct ComposedDocument {
  /// What composing a text gave.
  public enum Outcome {
    /// A tree to validate.
    case document(ComposedDocument)
    /// The text holds no YAML node (nothing, or only comments).
    case empty
    /// The text is not usable YAML; one problem, located if possible.
    case invalid(SourcePosition?, Problem)
  }

  /// Why a text is not usable; each file format words it for its readers.
  public enum Problem: Equatable, Sendable {
    /// libyaml refused the text: its sentence (problem, context and where).
    case syntax(String)
    /// A key repeats where it cannot be renamed (too many repeats, or an unusual spelling).
    case repeatedKey(String, tooMany: Bool)
    /// An alias (`*name`) where the alias policy refuses one.
    case alias
  }

  /// Where aliases (`*name`) may stand.
  public enum AliasPolicy: Sendable {
    /// Anywhere but in a mapping key (a key alias could make Yams hash an exponential tree).
    case notInKeys
    /// Nowhere (formats with no use for them).
    case refused
  }

  /// The root node.
  public let root: Node
  /// Per line of the composed text, the columns at which a marker sits.
  private let insertions: [Int: [Int]]

  /// A private-use scalar that never appears in a file composed with renames.
  public static let marker: Unicode.Scalar = "\u{E000}"
  public static let maximumRenames = 64

  /// Composes `text`, which must not start with a byte order mark.
  ///
  /// Yams hashes every mapping key, and an alias key that names a collection built from further
  /// aliases ("billion laughs") would take exponential time. So a text that may hold aliases is
  /// first composed with every `*` replaced by `x` (no aliases, same positions), and a document
  /// with an alias where `aliases` refuses one is rejected before the real text is composed.
  public static func compose(_ text: String, aliases: AliasPolicy = .notInKeys) -> Outcome {
    let mayHoldAliases =
      switch aliases {
      case .notInKeys: text.unicodeScalars.contains("&") && text.unicodeScalars.contains("*")
      case .refused: text.unicodeScalars.contains("*")
      }
    guard mayHoldAliases else { return composeAllowingRepeatedKeys(text) }
    var neutral = String.UnicodeScalarView()
    neutral.append(contentsOf: text.unicodeScalars.map { $0 == "*" ? "x" : $0 })
    switch composeAllowingRepeatedKeys(String(neutral)) {
    case .document(let document):
      let scalars = Array(text.unicodeScalars)
      if let place = document.firstAlias(scalars: scalars, inKeysOnly: aliases == .notInKeys) {
        return .invalid(place, .alias)
      }
      return composeAllowingRepeatedKeys(text)
    case let outcome:
      return outcome
    }
  }

  /// The position of the first node written as an alias in `scalars` (the original text): only
  /// in keys (a key that is or contains one) when `inKeysOnly`, else anywhere. Searches the tree
  /// composed from the text without aliases.
  private func firstAlias(scalars: [Unicode.Scalar], inKeysOnly: Bool) -> SourcePosition? {
    func isAlias(_ node: Node) -> SourcePosition? {
      switch node {
      case .scalar:
        guard let place = position(node), let offset = place.scalarOffset(in: scalars),
          scalars[offset] == "*"
        else { return nil }
        return place
      case .mapping(let mapping):
        return mapping.lazy.compactMap { isAlias($0.key) ?? isAlias($0.value) }.first
      case .sequence(let sequence):
        return sequence.lazy.compactMap(isAlias).first
      case .alias:
        return position(node)
      }
    }
    func search(_ node: Node) -> SourcePosition? {
      switch node {
      case .scalar, .alias:
        return nil
      case .mapping(let mapping):
        return mapping.lazy.compactMap { isAlias($0.key) ?? search($0.value) }.first
      case .sequence(let sequence):
        return sequence.lazy.compactMap(search).first
      }
    }
    return inKeysOnly ? search(root) : isAlias(root)
  }

  /// Composes `text` with Yams, renaming repeated keys as described above.
  private static func composeAllowingRepeatedKeys(_ text: String) -> Outcome {
    var working = text
    var insertions: [Int: [Int]] = [:]
    var renames = 0
    let mayRename = !text.unicodeScalars.contains(marker)
    while true {
      do {
        guard let root = try Yams.compose(yaml: working, .default, .default, .utf8) else {
          return .empty
        }
        return .document(ComposedDocument(root: root, insertions: insertions))
      } catch let YamlError.duplicatedKeysInMapping(duplicates, context) {
        let place = SourcePosition(line: context.mark.line, column: context.mark.column)
        if mayRename, renames < maximumRenames,
          let key = duplicates.first,
          let renamed = rename(key: key, at: place, in: working, insertions: &insertions)
        {
          working = renamed
          renames += 1
          continue
        }
        var name = duplicates.first ?? ""
        name.unicodeScalars.removeAll { $0 == marker }
        return .invalid(
          original(place, insertions), .repeatedKey(name, tooMany: renames >= maximumRenames))
      } catch let error as YamlError {
        return syntaxProblem(error, text: working, insertions: insertions)
      } catch {
        return .invalid(nil, .syntax("\(error)"))
      }
    }
  }

  /// The name of a mapping key as written, or nil for a key that is not a scalar.
  public func keyName(_ node: Node) -> String? {
    guard case .scalar(let scalar) = node else { return nil }
    guard !insertions.isEmpty else { return scalar.string }
    var name = scalar.string
    name.unicodeScalars.removeAll { $0 == Self.marker }
    return name
  }

  /// The node's position in the original text, if Yams recorded one.
  public func position(_ node: Node) -> SourcePosition? {
    guard let mark = node.mark, mark.line >= 1, mark.column >= 1 else { return nil }
    return Self.original(SourcePosition(line: mark.line, column: mark.column), insertions)
  }

  // MARK: - Renaming

  /// Inserts the marker into the key `key` that starts at `place`; nil if the text there is not
  /// plainly the start of that key.
  private static func rename(
    key: String, at place: SourcePosition, in text: String, insertions: inout [Int: [Int]]
  ) -> String? {
    var scalars = Array(text.unicodeScalars)
    guard let offset = place.scalarOffset(in: scalars) else { return nil }
    let first = scalars[offset]
    var insertAt = offset
    if first == "\"" || first == "'" {
      insertAt += 1
    } else if first != key.unicodeScalars.first {
      return nil
    }
    guard insertAt < scalars.count else { return nil }
    scalars.insert(marker, at: insertAt)
    let column = place.column + (insertAt - offset)
    var columns = insertions[place.line, default: []].map { $0 >= column ? $0 + 1 : $0 }
    columns.append(column)
    insertions[place.line] = columns.sorted()
    var result = String.UnicodeScalarView()
    result.append(contentsOf: scalars)
    return String(result)
  }

  /// Maps a position in the composed text back to the original text.
  private static func original(_ place: SourcePosition, _ insertions: [Int: [Int]])
    -> SourcePosition
  {
    guard let columns = insertions[place.line] else { return place }
    let shift = columns.count { $0 < place.column }
    return SourcePosition(line: place.line, column: place.column - shift)
  }

  // MARK: - Syntax errors

  private static func syntaxProblem(_ error: YamlError, text: String, insertions: [Int: [Int]])
    -> Outcome
  {
    func place(_ mark: Mark) -> SourcePosition? {
      guard mark.line >= 1, mark.column >= 1 else { return nil }
      return original(SourcePosition(line: mark.line, column: mark.column), insertions)
    }
    func sentence(_ problem: String, _ context: YamlError.Context?) -> String {
      if problem.hasPrefix("Maximum nesting level") { return "nesting is too deep" }
      guard let context, !context.text.isEmpty else { return problem }
      if problem.hasPrefix("but ") { return "\(context.text), \(problem)" }
      let at = place(context.mark).map { " at line \($0.line), column \($0.column)" } ?? ""
      return "\(problem) (\(context.text)\(at))"
    }
    switch error {
    case let .scanner(context, problem, mark, _),
      let .parser(context, problem, mark, _),
      let .composer(context, problem, mark, _):
      return .invalid(place(mark), .syntax(sentence(problem, context)))
    case let .reader(problem, offset, _, _):
      let position = offset.map { SourcePosition.of(utf8Offset: $0, in: text) }
      return .invalid(position.map { original($0, insertions) }, .syntax(problem))
    default:
      return .invalid(nil, .syntax("\(error)"))
    }
  }
}
