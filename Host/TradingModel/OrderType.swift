/// How an order executes. Prices are at the instrument's price precision. A plain value, usable
/// from any thread; the accessors below never allocate.
public enum OrderType: Hashable, Sendable {
  /// At the best available price, now.
  case market
  /// At the given price or better.
  case limit(Price)
  /// Becomes a market order once the market trades through `trigger` (a buy stop at or above it,
  /// a sell stop at or below it).
  case stop(trigger: Price)
  /// Becomes a limit order at `limit` once the market trades through `trigger`.
  case stopLimit(trigger: Price, limit: Price)

  /// The limit price, if the order has one.
  @inlinable
  public var limitPrice: Price? {
    switch self {
    case .limit(let price), .stopLimit(_, let price): price
    case .market, .stop: nil
    }
  }

  /// The trigger price, if the order has one.
  @inlinable
  public var triggerPrice: Price? {
    switch self {
    case .stop(let trigger), .stopLimit(let trigger, _): trigger
    case .market, .limit: nil
    }
  }
}
