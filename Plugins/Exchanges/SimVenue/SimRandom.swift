#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A small deterministic random source (xoshiro256**, seeded through SplitMix64).
///
/// The same seed gives the same sequence on every machine and in every process, which the
/// simulated venue promises for its markets. Not for cryptography.
struct SimRandom: Sendable {
  private var state: (UInt64, UInt64, UInt64, UInt64)

  init(seed: UInt64) {
    var mixer = seed
    state = (
      Self.splitMix(&mixer), Self.splitMix(&mixer), Self.splitMix(&mixer), Self.splitMix(&mixer)
    )
  }

  /// The next 64 random bits.
  mutating func next() -> UInt64 {
    let result = rotate(state.1 &* 5, 7) &* 9
    let shifted = state.1 << 17
    state.2 ^= state.0
    state.3 ^= state.1
    state.1 ^= state.2
    state.0 ^= state.3
    state.2 ^= shifted
    state.3 = rotate(state.3, 45)
    return result
  }

  /// A uniform number in the open interval (0, 1).
  mutating func uniform() -> Double {
    (Double(next() >> 11) + 0.5) * 0x1p-53
  }

  /// A standard normal number (Box-Muller; one of the pair, for a simple, stateless stream).
  mutating func normal() -> Double {
    let radius = (-2 * log(uniform())).squareRoot()
    return radius * cos(2 * Double.pi * uniform())
  }

  /// True with probability `p`.
  mutating func chance(_ p: Double) -> Bool { uniform() < p }

  private func rotate(_ value: UInt64, _ count: UInt64) -> UInt64 {
    (value << count) | (value >> (64 - count))
  }

  /// One SplitMix64 step: spreads a seed into well-mixed state words.
  static func splitMix(_ value: inout UInt64) -> UInt64 {
    value &+= 0x9E37_79B9_7F4A_7C15
    var z = value
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A seed for one instrument's stream: the venue seed mixed with the symbol's bytes (FNV-1a),
  /// so an instrument's market does not depend on what else is subscribed or in which order.
  static func seed(_ venueSeed: UInt64, symbol: String) -> UInt64 {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    for byte in symbol.utf8 {
      hash ^= UInt64(byte)
      hash = hash &* 0x0000_0100_0000_01B3
    }
    var mixed = venueSeed ^ hash
    return splitMix(&mixed)
  }
}
