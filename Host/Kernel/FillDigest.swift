import TradingModel

/// A running FNV-1a (64-bit) digest of every fill of a run: slot, instrument, side, quantity,
/// price, fee and time. Two runs with the same digest traded the same, to the last unit; the
/// determinism tests and the report use it. Kernel-thread only; no allocation.
public struct FillDigest: Sendable, Equatable {
  public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

  public init() {}

  @inline(__always)
  mutating func add(_ fill: Fill) {
    mix(UInt64(bitPattern: Int64(fill.slot)))
    mix(UInt64(fill.instrument))
    mix(UInt64(fill.side.rawValue))
    mix(UInt64(bitPattern: fill.quantity.raw))
    mix(UInt64(bitPattern: fill.price.raw))
    mix(UInt64(bitPattern: fill.fee.raw))
    mix(UInt64(bitPattern: fill.timestamp))
  }

  @inline(__always)
  private mutating func mix(_ word: UInt64) {
    var word = word
    for _ in 0..<8 {
      value ^= word & 0xff
      value &*= 0x0000_0100_0000_01b3
      word >>= 8
    }
  }

  /// 16 hex digits.
  public var hex: String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: 16 - digits.count) + digits
  }
}
