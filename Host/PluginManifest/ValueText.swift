/// Strict parsing of the typed values a person writes in a manifest or on a command line.
enum ValueText {
  /// A decimal integer, `[-+]?[0-9]+`, that fits in Int64.
  static func integer(_ text: String) -> Int64? {
    guard isSignedDigits(Substring(text)) else { return nil }
    return Int64(text)
  }

  /// A finite decimal number: `[-+]?(D+(.D*)?|.D+)([eE][-+]?D+)?` with D a decimal digit.
  /// No `inf`, `nan`, hexadecimal or underscores.
  static func number(_ text: String) -> Double? {
    var body = Substring(text)
    if let e = body.firstIndex(where: { $0 == "e" || $0 == "E" }) {
      guard isSignedDigits(body[body.index(after: e)...]) else { return nil }
      body = body[..<e]
    }
    if body.first == "+" || body.first == "-" { body = body.dropFirst() }
    let parts = body.split(separator: ".", omittingEmptySubsequences: false)
    guard (1...2).contains(parts.count),
      parts.allSatisfy({ $0.unicodeScalars.allSatisfy(\.isASCIIDigit) }),
      parts.contains(where: { !$0.isEmpty })
    else { return nil }
    guard let value = Double(text), value.isFinite else { return nil }
    return value
  }

  /// `true`, `True`, `TRUE`, `false`, `False` or `FALSE`.
  static func bool(_ text: String) -> Bool? {
    switch text {
    case "true", "True", "TRUE": true
    case "false", "False", "FALSE": false
    default: nil
    }
  }

  private static func isSignedDigits(_ text: Substring) -> Bool {
    var digits = text
    if digits.first == "+" || digits.first == "-" { digits = digits.dropFirst() }
    return !digits.isEmpty && digits.unicodeScalars.allSatisfy(\.isASCIIDigit)
  }
}
