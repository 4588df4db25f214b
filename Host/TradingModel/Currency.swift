/// A currency (or any settlement asset): an ISO-like code of up to 8 ASCII characters, packed
/// into an integer so money values stay plain data, and the precision its amounts carry.
public struct Currency: Hashable, Sendable, CustomStringConvertible {
  /// The code's ASCII bytes, packed little-endian.
  public let packedCode: UInt64
  /// Decimal places of amounts in this currency (USD 2, JPY 0, BTC 8).
  public let precision: UInt8

  /// `nil` when `code` is empty, longer than 8 characters or not upper-case ASCII letters or
  /// digits, or `precision` exceeds `FixedPoint.maxPrecision`.
  public init?(_ code: String, precision: UInt8) {
    let bytes = Array(code.utf8)
    guard (1...8).contains(bytes.count), precision <= FixedPoint.maxPrecision,
      bytes.allSatisfy({ (65...90).contains($0) || (48...57).contains($0) })
    else { return nil }
    var packed: UInt64 = 0
    for (index, byte) in bytes.enumerated() { packed |= UInt64(byte) << (8 * UInt64(index)) }
    self.packedCode = packed
    self.precision = precision
  }

  /// The code (`"USD"`).
  public var code: String {
    var bytes: [UInt8] = []
    var packed = packedCode
    while packed != 0 {
      bytes.append(UInt8(packed & 0xff))
      packed >>= 8
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  public var description: String { code }

  /// Precisions of common codes; any other code needs an explicit precision.
  public static func standard(_ code: String) -> Currency? {
    let known: [String: UInt8] = [
      "USD": 2, "EUR": 2, "GBP": 2, "CHF": 2, "CAD": 2, "AUD": 2, "NZD": 2, "JPY": 0,
      "USDT": 8, "USDC": 8, "BTC": 8, "ETH": 8,
    ]
    return known[code].flatMap { Currency(code, precision: $0) }
  }

  public static let usd = Currency("USD", precision: 2)!
}
