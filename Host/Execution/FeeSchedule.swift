import TradingModel

/// Fees of a simulated venue: a rate on notional for orders that add liquidity (maker, resting
/// limit orders) and for orders that take it (taker: market, stop, marketable limit). A negative
/// maker rate is a rebate. Volume tiers lower the rates as the venue's traded notional over a
/// rolling window of days grows (30 by default, as real venues count).
public struct FeeSchedule: Hashable, Sendable {
  /// One volume tier: from `notional` (whole units of the instrument's currency, traded by the
  /// whole venue over the last `windowDays` UTC days) on, `maker` and `taker` apply.
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
  /// The UTC days whose traded notional counts for the tiers, the fill's own day included
  /// (a rolling window); 0: everything since the run began.
  public var windowDays: Int

  /// The window real venues use for their fee tiers.
  public static let defaultWindowDays = 30

  public init(
    maker: BasisPoints = .zero, taker: BasisPoints = .zero, tiers: [Tier] = [],
    windowDays: Int = FeeSchedule.defaultWindowDays
  ) {
    self.maker = maker
    self.taker = taker
    self.tiers = tiers.sorted { $0.notional < $1.notional }
    self.windowDays = max(0, windowDays)
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
