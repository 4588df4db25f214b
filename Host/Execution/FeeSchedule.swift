import TradingModel

/// Fees of a simulated venue: a rate on notional for orders that add liquidity (maker, resting
/// limit orders) and for orders that take it (taker: market, stop, marketable limit). A negative
/// maker rate is a rebate. Volume tiers lower the rates as the run's traded notional grows.
public struct FeeSchedule: Hashable, Sendable {
  /// One volume tier: from `notional` (whole units of the instrument's currency, traded by the
  /// whole venue since the run began) on, `maker` and `taker` apply.
  public struct Tier: Hashable, Sendable {
    public var notional: Int64
    public var maker: BasisPoints
    public var taker: BasisPoints

    public init(notional: Int64, maker: BasisPoints, taker: BasisPoints) {
      self.notional = notional
      self.maker = maker
      self.taker = taker
    }
  }

  public var maker: BasisPoints
  public var taker: BasisPoints
  /// Tiers by ascending `notional`; the base rates apply below the first.
  public var tiers: [Tier]

  public init(maker: BasisPoints = .zero, taker: BasisPoints = .zero, tiers: [Tier] = []) {
    self.maker = maker
    self.taker = taker
    self.tiers = tiers.sorted { $0.notional < $1.notional }
  }

  public static let none = FeeSchedule()

  /// The fee on `notional` for `liquidity` at the base rates, rounded half to even to the
  /// currency's precision; `nil` when it does not fit in `Money`.
  @inlinable
  public func fee(on notional: Money, liquidity: Liquidity) -> Money? {
    fee(on: notional, liquidity: liquidity, traded: 0)
  }

  /// The fee on `notional` for `liquidity` once `traded` whole currency units have traded;
  /// `nil` when it does not fit in `Money` (never clamped).
  @inlinable
  public func fee(on notional: Money, liquidity: Liquidity, traded: Int64) -> Money? {
    guard notional.raw != .min else { return nil }
    var rate = liquidity == .maker ? maker : taker
    for tier in tiers where traded >= tier.notional {
      rate = liquidity == .maker ? tier.maker : tier.taker
    }
    let magnitude = Money(
      raw: notional.raw < 0 ? -notional.raw : notional.raw, currency: notional.currency)
    return magnitude.applying(rate)
  }
}
