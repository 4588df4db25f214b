/// The version of the C plugin ABI a library was built against: `MAJOR.MINOR`, e.g. `1.0`.
///
/// Each part is a decimal number from 0 to 65535 without leading zeros. The loader accepts a
/// library whose major equals the host's and whose minor is not above the host's.
public struct ABIVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
  public let major: UInt16
  public let minor: UInt16

  public init(major: UInt16, minor: UInt16) {
    self.major = major
    self.minor = minor
  }

  /// Parses `text`; returns nil unless it is exactly `MAJOR.MINOR`.
  public init?(_ text: String) {
    let parts = text.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count == 2 else { return nil }
    var values: [UInt16] = []
    for part in parts {
      guard !part.isEmpty, part.unicodeScalars.allSatisfy({ $0.isASCIIDigit }),
        part.count == 1 || part.first != "0",
        let value = UInt16(part)
      else { return nil }
      values.append(value)
    }
    self.init(major: values[0], minor: values[1])
  }

  public var description: String { "\(major).\(minor)" }

  public static func < (lhs: ABIVersion, rhs: ABIVersion) -> Bool {
    (lhs.major, lhs.minor) < (rhs.major, rhs.minor)
  }
}
