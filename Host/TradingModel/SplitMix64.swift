import Glibc

/// SplitMix64 (Steele, Lea, Flood 2014): a small, fast, seedable generator whose stream is the
/// same on every platform, so a seeded synthetic market, a fuzz test or a property test replays
/// exactly from its seed. The project's one seeded generator (`HostTestKit.SeededGenerator` is
/// this type). Pure value; any thread.
public struct SplitMix64: RandomNumberGenerator, Sendable {
  private var state: UInt64

  public init(seed: UInt64) {
    state = seed
  }

  public mutating func next() -> UInt64 {
    state &+= 0x9e37_79b9_7f4a_7c15
    var z = state
    z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
    z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
    return z ^ (z >> 31)
  }

  /// A uniform double in (0, 1) (never 0, so logarithms are safe).
  public mutating func unit() -> Double {
    (Double(next() >> 11) + 0.5) / 9_007_199_254_740_992.0
  }

  /// A standard normal draw (Box-Muller; one draw per call, the pair's second value discarded so
  /// the stream position depends only on the number of calls).
  public mutating func normal() -> Double {
    let u1 = unit()
    let u2 = unit()
    return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
  }
}
