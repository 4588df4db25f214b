import Yams

/// A calendar file's YAML composed into Yams nodes, with repeated mapping keys kept and every
/// node's line and column in the original text. Used at load time only.
///
/// Yams refuses a mapping with a repeated key and returns no tree, which would hide every other
/// problem in the file. So when it reports one, the first of the repeated keys is renamed in a
/// private copy of the text by inserting `marker` at its start, and the text is composed again.
/// Names read through `keyName(_:)` drop the marker and positions read through `position(_:)` are
/// mapped back to the original text, so the reader sees the file as written and reports the
/// repetition itself, next to every other problem.
///
/// Anchors are allowed but aliases (`*name`) are not: a calendar file has no use for them, and an
/// alias used as a mapping key could make Yams hash an exponentially large tree. A text holding
/// `*` is therefore first composed with every `*` replaced by `x` (same positions, no aliases) to
/// find any alias before the real text is composed.
struct YAMLDocument {
  /// What composing a text gave.
  enum Outcome {
    /// A tree to read.
    case document(YAMLDocument)
    /// The text holds no YAML node (nothing, or only comments).
    case empty
    /// The text is not usable YAML: one problem, located if possible.
    case invalid(line: Int?, column: Int?, message: String)
  }

  /// The root node.
  let root: Node
  /// Per line of the composed text, the columns at which a marker was inserted.
  private let insertions: [Int: [Int]]

  /// A private-use scalar that renamed keys carry in the composed text.
  static let marker: Unicode.Scalar = "\u{E000}"
  /// At most this many keys are renamed; past that, Yams' own error is reported.
  static let maximumRenames = 100

  /// Composes `text` (without a byte order mark).
  static func compose(_ text: String) -> Outcome {
    guard text.unicodeScalars.contains("*") else { return composeKeepingRepeatedKeys(text) }
    var neutral = String.UnicodeScalarView()
    neutral.append(contentsOf: text.unicodeScalars.map { $0 == "*" ? "x" : $0 })
    let outcome = composeKeepingRepeatedKeys(String(neutral))
    guard case .document(let document) = outcome else { return outcome }
    let scalars = Array(text.unicodeScalars)
    if let alias = document.firstAlias(in: scalars) {
      return .invalid(
        line: alias.line, column: alias.column,
        message: "aliases (`*name`) are not supported in calendar files; write the value out")
    }
    return composeKeepingRepeatedKeys(text)
  }

  /// The name of a mapping key as written, or nil for a key that is not a scalar.
  func keyName(_ node: Node) -> String? {
    guard case .scalar(let scalar) = node else { return nil }
    guard !insertions.isEmpty else { return scalar.string }
    var name = scalar.string
    name.unicodeScalars.removeAll { $0 == Self.marker }
    return name
  }

  /// The node's 1-based line and column in the original text, if Yams recorded them.
  func position(_ node: Node) -> (line: Int, column: Int)? {
    guard let mark = node.mark, mark.line >= 1, mark.column >= 1 else { return nil }
    return Self.original(line: mark.line, column: mark.column, insertions)
  }

  /// The position of the first scalar that was an alias in `scalars` (the original text): in the
  /// tree composed without aliases, a scalar whose first character was `*` in the original.
  private func firstAlias(in scalars: [Unicode.Scalar]) -> (line: Int, column: Int)? {
    let lineStarts = Self.lineStarts(scalars)
    func search(_ node: Node) -> (line: Int, column: Int)? {
      switch node {
      case .scalar:
        guard let place = position(node), place.line <= lineStarts.count else { return nil }
        let offset = lineStarts[place.line - 1] + place.column - 1
        return offset < scalars.count && scalars[offset] == "*" ? place : nil
      case .alias:
        return position(node)
      case .mapping(let mapping):
        return mapping.lazy.compactMap { search($0.key) ?? search($0.value) }.first
      case .sequence(let sequence):
        return sequence.lazy.compactMap(search).first
      }
    }
    return search(root)
  }

  /// Composes `text` with Yams, renaming repeated keys as described above.
  private static func composeKeepingRepeatedKeys(_ text: String) -> Outcome {
    var working = text
    var insertions: [Int: [Int]] = [:]
    var renames = 0
    let mayRename = !text.unicodeScalars.contains(marker)
    while true {
      do {
        guard let root = try Yams.compose(yaml: working) else { return .empty }
        return .document(YAMLDocument(root: root, insertions: insertions))
      } catch let YamlError.duplicatedKeysInMapping(duplicates, context) {
        let line = context.mark.line
        let column = context.mark.column
        if mayRename, renames < maximumRenames, let key = duplicates.first,
          let renamed = rename(key: key, line: line, column: column, in: working, &insertions)
        {
          working = renamed
          renames += 1
          continue
        }
        var name = duplicates.first ?? ""
        name.unicodeScalars.removeAll { $0 == marker }
        let place = original(line: line, column: column, insertions)
        return .invalid(
          line: place.line, column: place.column, message: "the key `\(name)` is repeated")
      } catch let error as YamlError {
        return syntaxProblem(error, insertions)
      } catch {
        return .invalid(line: nil, column: nil, message: "the file is not valid YAML: \(error)")
      }
    }
  }

  /// Inserts the marker into the key `key` that starts at `line`:`column` of `text`; nil if the
  /// text there is not plainly the start of that key.
  private static func rename(
    key: String, line: Int, column: Int, in text: String, _ insertions: inout [Int: [Int]]
  ) -> String? {
    var scalars = Array(text.unicodeScalars)
    let starts = lineStarts(scalars)
    guard line >= 1, line <= starts.count, column >= 1 else { return nil }
    let offset = starts[line - 1] + column - 1
    guard offset < scalars.count else { return nil }
    var insertAt = offset
    if scalars[offset] == "\"" || scalars[offset] == "'" {
      insertAt += 1
    } else if scalars[offset] != key.unicodeScalars.first {
      return nil
    }
    guard insertAt < scalars.count else { return nil }
    scalars.insert(marker, at: insertAt)
    let insertedColumn = column + (insertAt - offset)
    var columns = insertions[line, default: []].map { $0 >= insertedColumn ? $0 + 1 : $0 }
    columns.append(insertedColumn)
    insertions[line] = columns.sorted()
    var result = String.UnicodeScalarView()
    result.append(contentsOf: scalars)
    return String(result)
  }

  /// Maps a position in the composed text back to the original text.
  private static func original(line: Int, column: Int, _ insertions: [Int: [Int]]) -> (
    line: Int, column: Int
  ) {
    guard let columns = insertions[line] else { return (line, column) }
    return (line, column - columns.count { $0 < column })
  }

  /// The offset of each line's first scalar, counting line breaks as libyaml does (LF, CR,
  /// CR LF, NEL, LS, PS).
  private static func lineStarts(_ scalars: [Unicode.Scalar]) -> [Int] {
    var starts = [0]
    var index = 0
    while index < scalars.count {
      let scalar = scalars[index]
      index += 1
      if scalar == "\r", index < scalars.count, scalars[index] == "\n" { index += 1 }
      switch scalar.value {
      case 0x0A, 0x0D, 0x85, 0x2028, 0x2029: starts.append(index)
      default: break
      }
    }
    return starts
  }

  /// One located sentence for a Yams syntax error.
  private static func syntaxProblem(_ error: YamlError, _ insertions: [Int: [Int]]) -> Outcome {
    func place(_ mark: Mark) -> (line: Int?, column: Int?) {
      guard mark.line >= 1, mark.column >= 1 else { return (nil, nil) }
      let position = original(line: mark.line, column: mark.column, insertions)
      return (position.line, position.column)
    }
    switch error {
    case .scanner(let context, let problem, let mark, _),
      .parser(let context, let problem, let mark, _),
      .composer(let context, let problem, let mark, _):
      let location = place(mark)
      var message = "the file is not valid YAML: \(problem)"
      if let context, !context.text.isEmpty {
        let at = place(context.mark)
        let contextPlace = at.line.map { " at line \($0), column \(at.column ?? 1)" } ?? ""
        message += " (\(context.text)\(contextPlace))"
      }
      return .invalid(line: location.line, column: location.column, message: message)
    case .reader(let problem, _, _, _):
      return .invalid(line: nil, column: nil, message: "the file is not valid YAML: \(problem)")
    default:
      return .invalid(line: nil, column: nil, message: "the file is not valid YAML: \(error)")
    }
  }
}
