/// A margin account's maximum leverage (gross exposure / equity), exact to a hundredth:
/// `Leverage(hundredths: 250)` is 2.5. Pure value; any thread.
public struct Leverage: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// The largest leverage accepted.
  public static let maximum = Leverage(hundredths: 100_000)

  /// The leverage in hundredths (positive, at most `maximum`).
  public let hundredths: Int64

  public init(hundredths: Int64) { self.hundredths = hundredths }

  /// Parses `"2"` or `"2.5"`: above 0, at most 1000, at most two decimals; `nil` otherwise
  /// (never rounded).
  public init?(_ text: String) {
    guard let raw = FixedPoint.parse(Array(text.utf8), precision: 2), raw > 0,
      raw <= Self.maximum.hundredths
    else { return nil }
    self.hundredths = raw
  }

  /// `2`, `2.5`, `1.25`: the shortest text `init?(_:)` reads back.
  public var description: String {
    let whole = hundredths / 100
    let cents = hundredths % 100
    if cents == 0 { return "\(whole)" }
    return cents % 10 == 0 ? "\(whole).\(cents / 10)" : "\(whole).\(cents < 10 ? "0" : "")\(cents)"
  }

  public static func < (lhs: Leverage, rhs: Leverage) -> Bool { lhs.hundredths < rhs.hundredths }
}
