/// A rate in basis points (1 bp = 0.01%), exact to a hundredth of a basis point: fee rates.
public struct BasisPoints: Hashable, Sendable, Comparable, CustomStringConvertible {
  /// The rate in hundredths of a basis point (`250` = 2.5 bp = 0.025%).
  public var hundredths: Int64

  public init(hundredths: Int64) { self.hundredths = hundredths }

  /// Parses `"2.5"` (basis points, at most two decimals); `nil` otherwise.
  public init?(_ text: String) {
    guard let raw = FixedPoint.parse(Array(text.utf8), precision: 2) else { return nil }
    self.hundredths = raw
  }

  public static let zero = BasisPoints(hundredths: 0)

  public var description: String { FixedPoint.format(hundredths, precision: 2) + " bp" }

  public static func < (lhs: BasisPoints, rhs: BasisPoints) -> Bool {
    lhs.hundredths < rhs.hundredths
  }
}
