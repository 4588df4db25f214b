/// The direction of an order or a fill. A plain value, usable from any thread.
public enum OrderSide: UInt8, Sendable, CustomStringConvertible {
  /// Buys: increases a long position or reduces a short one.
  case buy
  /// Sells: reduces a long position or increases a short one.
  case sell

  /// `+1` for a buy, `-1` for a sell: the sign a fill's quantity adds to a position.
  @inlinable
  public var sign: Int64 {
    switch self {
    case .buy: 1
    case .sell: -1
    }
  }

  /// The other side (the side that closes what this side opens).
  @inlinable
  public var opposite: OrderSide {
    switch self {
    case .buy: .sell
    case .sell: .buy
    }
  }

  public var description: String {
    switch self {
    case .buy: "buy"
    case .sell: "sell"
    }
  }
}
