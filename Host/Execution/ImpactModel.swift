import TradingModel

/// Square-root market impact of aggressive orders: the fill price moves against the taker by
/// `k * sigma * sqrt(quantity / adv)` of the price, rounded to the nearest whole tick (a buy pays more,
/// a sell gets less; never past a limit order's limit). `sigma` is the daily volatility as a
/// fraction (0.01 = 1 %); `adv` the average daily volume in the instrument's units, or `nil` to
/// estimate it from the data (the mean volume of the UTC days seen so far, the current day's
/// running volume before the first day is complete). Resting (maker) fills have no impact.
public struct ImpactModel: Hashable, Sendable {
  public var k: Double
  public var sigma: Double
  public var adv: Double?

  public init(k: Double, sigma: Double, adv: Double? = nil) {
    self.k = k
    self.sigma = sigma
    self.adv = adv
  }

  /// The move in ticks for `quantity` at `price` (both in units), 0 when `adv` is unknown.
  @inline(__always)
  func ticks(quantity: Double, price: Double, tick: Double, adv: Double) -> Int64 {
    guard adv > 0, quantity > 0, tick > 0 else { return 0 }
    let move = k * sigma * (quantity / adv).squareRoot() * price
    guard move.isFinite, move > 0 else { return 0 }
    return Int64(min((move / tick).rounded(.toNearestOrEven), 1e12))
  }
}
