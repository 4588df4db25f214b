/// Whether a fill added liquidity to the book (maker) or took it (taker); venues charge the two
/// differently. A plain value, usable from any thread.
public enum Liquidity: UInt8, Sendable {
  /// The order rested in the book and was hit.
  case maker
  /// The order crossed the spread.
  case taker
}
