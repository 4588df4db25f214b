/// The lexical rules for names and short strings in a manifest, and sentences explaining them.
enum NameRules {
  /// Plugin id: `^[a-z0-9][a-z0-9._-]{0,63}$`.
  static func isPluginID(_ text: String) -> Bool {
    let scalars = Array(text.unicodeScalars)
    guard let first = scalars.first, scalars.count <= 64,
      first.isASCIILower || first.isASCIIDigit
    else { return false }
    return scalars.dropFirst().allSatisfy {
      $0.isASCIILower || $0.isASCIIDigit || $0 == "." || $0 == "_" || $0 == "-"
    }
  }
  static let pluginIDRule =
    "an id of 1 to 64 characters from a-z, 0-9, '.', '_' and '-' that starts with a letter or digit"

  /// Parameter name: `^[a-z][a-z0-9_]{0,63}$`.
  static func isParameterName(_ text: String) -> Bool {
    let scalars = Array(text.unicodeScalars)
    guard let first = scalars.first, scalars.count <= 64, first.isASCIILower else { return false }
    return scalars.dropFirst().allSatisfy { $0.isASCIILower || $0.isASCIIDigit || $0 == "_" }
  }
  static let parameterNameRule = "1 to 64 characters from a-z, 0-9 and '_' that start with a letter"

  /// C symbol: `^[A-Za-z_][A-Za-z0-9_]*$`.
  static func isCSymbol(_ text: String) -> Bool {
    let scalars = Array(text.unicodeScalars)
    guard let first = scalars.first, first.isASCIILetter || first == "_" else { return false }
    return scalars.dropFirst().allSatisfy { $0.isASCIIAlphanumeric || $0 == "_" }
  }
  static let cSymbolRule = "a C symbol name (letters, digits and '_', not starting with a digit)"

  /// Toolchain: `swift-X.Y` or `swift-X.Y.Z`, each part one or more decimal digits.
  static func isToolchain(_ text: String) -> Bool {
    guard text.hasPrefix("swift-") else { return false }
    let parts = text.dropFirst("swift-".count).split(
      separator: ".", omittingEmptySubsequences: false)
    return (2...3).contains(parts.count)
      && parts.allSatisfy { !$0.isEmpty && $0.unicodeScalars.allSatisfy(\.isASCIIDigit) }
  }

  /// True if `text` has a control character (C0, DEL or C1).
  static func hasControlCharacter(_ text: String) -> Bool {
    text.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }
  }
}
