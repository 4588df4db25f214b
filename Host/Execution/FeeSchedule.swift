import TradingModel

/// Fees of a simulated venue: a rate on notional for orders that add liquidity (maker, resting
/// limit orders) and for orders that take it (taker: market, stop, marketable limit). A negative
/// maker rate is a rebate.
public struct FeeSchedule: Hashable, Sendable {
  public var maker: BasisPoints
  public var taker: BasisPoints

  public init(maker: BasisPoints = .zero, taker: BasisPoints = .zero) {
    self.maker = maker
    self.taker = taker
  }

  public static let none = FeeSchedule()

  /// The fee on `notional` for `liquidity`, rounded half to even to the currency's precision.
  @inlinable
  public func fee(on notional: Money, liquidity: Liquidity) -> Money {
    let magnitude = Money(
      raw: notional.raw < 0 ? -notional.raw : notional.raw, currency: notional.currency)
    return magnitude.applying(liquidity == .maker ? maker : taker)
  }
}
