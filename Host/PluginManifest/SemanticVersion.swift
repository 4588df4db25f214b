/// A Semantic Versioning 2.0.0 version: `MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]`.
///
/// Parsing is strict: numeric parts have no leading zeros (`0` itself is fine),
/// pre-release identifiers are non-empty runs of `[0-9A-Za-z-]` and numeric ones have no
/// leading zeros, build identifiers are non-empty runs of `[0-9A-Za-z-]`.
///
/// Ordering follows semver precedence: major, minor and patch numerically, a version with a
/// pre-release below the same version without one, pre-release identifiers compared left to
/// right (numeric ones numerically and below alphanumeric ones, alphanumeric ones in ASCII order,
/// a shorter list below a longer one it is a prefix of). Semver ignores build metadata; so that
/// `<` stays a total order consistent with `==`, versions of equal precedence are finally ordered
/// by build (none first, then ASCII order).
public struct SemanticVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
  public let major: Int
  public let minor: Int
  public let patch: Int
  /// The pre-release part without its leading `-`, e.g. `rc.1`.
  public let prerelease: String?
  /// The build metadata without its leading `+`, e.g. `build.5`.
  public let build: String?

  /// Parses `text`; returns nil unless it is a valid semver 2.0.0 version.
  public init?(_ text: String) {
    var rest = Substring(text)
    var build: String?
    if let plus = rest.firstIndex(of: "+") {
      let part = rest[rest.index(after: plus)...]
      guard Self.isValidIdentifierList(part, numericLeadingZerosAllowed: true) else { return nil }
      build = String(part)
      rest = rest[..<plus]
    }
    var prerelease: String?
    if let dash = rest.firstIndex(of: "-") {
      let part = rest[rest.index(after: dash)...]
      guard Self.isValidIdentifierList(part, numericLeadingZerosAllowed: false) else { return nil }
      prerelease = String(part)
      rest = rest[..<dash]
    }
    let numbers = rest.split(separator: ".", omittingEmptySubsequences: false)
    guard numbers.count == 3 else { return nil }
    var values: [Int] = []
    for number in numbers {
      guard Self.isNumericIdentifier(number), !Self.hasLeadingZero(number),
        let value = Int(number)
      else { return nil }
      values.append(value)
    }
    self.major = values[0]
    self.minor = values[1]
    self.patch = values[2]
    self.prerelease = prerelease
    self.build = build
  }

  public var description: String {
    var text = "\(major).\(minor).\(patch)"
    if let prerelease { text += "-" + prerelease }
    if let build { text += "+" + build }
    return text
  }

  public static func < (lhs: SemanticVersion, rhs: SemanticVersion) -> Bool {
    if lhs.major != rhs.major { return lhs.major < rhs.major }
    if lhs.minor != rhs.minor { return lhs.minor < rhs.minor }
    if lhs.patch != rhs.patch { return lhs.patch < rhs.patch }
    switch (lhs.prerelease, rhs.prerelease) {
    case (nil, .some): return false
    case (.some, nil): return true
    case let (.some(left), .some(right)) where left != right:
      return precedes(left, right)
    default:
      break
    }
    switch (lhs.build, rhs.build) {
    case (nil, .some): return true
    case let (.some(left), .some(right)):
      return Array(left.utf8).lexicographicallyPrecedes(right.utf8)
    default: return false
    }
  }

  /// Semver rule 11 for two different pre-release strings.
  private static func precedes(_ left: String, _ right: String) -> Bool {
    let lefts = left.split(separator: ".")
    let rights = right.split(separator: ".")
    for (a, b) in zip(lefts, rights) where a != b {
      switch (isNumericIdentifier(a), isNumericIdentifier(b)) {
      case (true, true):
        // No leading zeros, so a longer number is a larger one.
        return a.count != b.count
          ? a.count < b.count : Array(a.utf8).lexicographicallyPrecedes(b.utf8)
      case (true, false): return true
      case (false, true): return false
      case (false, false): return Array(a.utf8).lexicographicallyPrecedes(b.utf8)
      }
    }
    return lefts.count < rights.count
  }

  private static func isValidIdentifierList(_ text: Substring, numericLeadingZerosAllowed: Bool)
    -> Bool
  {
    let identifiers = text.split(separator: ".", omittingEmptySubsequences: false)
    for identifier in identifiers {
      guard !identifier.isEmpty,
        identifier.unicodeScalars.allSatisfy({ $0.isASCIIAlphanumeric || $0 == "-" })
      else { return false }
      if !numericLeadingZerosAllowed, isNumericIdentifier(identifier), hasLeadingZero(identifier) {
        return false
      }
    }
    return true
  }

  private static func isNumericIdentifier(_ text: Substring) -> Bool {
    !text.isEmpty && text.unicodeScalars.allSatisfy { $0.isASCIIDigit }
  }

  private static func hasLeadingZero(_ text: Substring) -> Bool {
    text.count > 1 && text.first == "0"
  }
}
