import TradingModel

/// The assumptions of the simulated venue, stated once per run and printed in every report.
/// The defaults are the peers' (fills at the signal bar's close, no fees, no latency, no volume
/// cap, no queue, no impact): the EMA-cross parity numbers hold with them. `realistic` is the
/// preset of `--fill realistic`.
public struct ExecutionConfiguration: Hashable, Sendable {
  /// When market orders fill.
  public var marketFill: MarketFillTiming
  /// Maker and taker fees.
  public var fees: FeeSchedule
  /// Adverse slippage of market and stop fills, in ticks (buys pay more, sells get less).
  public var slippageTicks: Int64
  /// The largest share of an event's traded volume the simulator's fills may take, in basis
  /// points (1000 = 10 %); `nil`: no cap. With a cap, a quote's displayed size also bounds what
  /// an aggressive order takes at its touch.
  public var participation: BasisPoints?
  /// Whether a resting limit waits for the volume ahead of it at its price to trade (queue
  /// position) instead of filling when the market touches its price.
  public var queuePosition: Bool
  /// Order entry and market-data delay.
  public var latency: LatencyModel
  /// Square-root impact of aggressive fills; `nil`: none.
  public var impact: ImpactModel?
  /// Venue-side order-rate limit; `nil`: none.
  public var rateLimit: OrderRateLimit?
  /// What happens when two orders of one slot would match in the book.
  public var selfTrade: SelfTradePrevention
  /// The seed of the latency draws.
  public var seed: UInt64

  public init(
    marketFill: MarketFillTiming = .close, fees: FeeSchedule = .none, slippageTicks: Int64 = 0,
    participation: BasisPoints? = nil, queuePosition: Bool = false,
    latency: LatencyModel = .none, impact: ImpactModel? = nil,
    rateLimit: OrderRateLimit? = nil, selfTrade: SelfTradePrevention = .cancelResting,
    seed: UInt64 = 1
  ) {
    self.marketFill = marketFill
    self.fees = fees
    self.slippageTicks = slippageTicks
    self.participation = participation
    self.queuePosition = queuePosition
    self.latency = latency
    self.impact = impact
    self.rateLimit = rateLimit
    self.selfTrade = selfTrade
    self.seed = seed
  }

  /// `--fill realistic`: market orders at the next event, 20 ms entry latency plus up to 10 ms
  /// jitter and 5 ms market-data delay, fills capped at 10 % of each event's volume, queue
  /// position for resting limits, square-root impact (k 0.5, daily sigma 1 %, ADV from the
  /// data), maker 1 bp / taker 5 bp, at most 50 orders a second.
  public static let realistic = ExecutionConfiguration(
    marketFill: .nextOpen,
    fees: FeeSchedule(
      maker: BasisPoints(hundredths: 100), taker: BasisPoints(hundredths: 500)),
    participation: BasisPoints(hundredths: 100_000), queuePosition: true,
    latency: LatencyModel(entry: 20_000_000, jitter: 10_000_000, marketData: 5_000_000),
    impact: ImpactModel(k: 0.5, sigma: 0.01), rateLimit: OrderRateLimit(orders: 50, window: 1_000_000_000))

  /// Whether an order from a strategy callback may fill at once, at the current price.
  var fillsOnSubmit: Bool { marketFill == .close && latency.isZero }
}
