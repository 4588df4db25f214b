import TradingModel

/// The assumptions of the simulated venue, stated once per run and printed in every report.
public struct ExecutionConfiguration: Hashable, Sendable {
  /// When market orders fill.
  public var marketFill: MarketFillTiming
  /// Maker and taker fees.
  public var fees: FeeSchedule
  /// Adverse slippage of market and stop fills, in ticks (buys pay more, sells get less).
  public var slippageTicks: Int64

  public init(
    marketFill: MarketFillTiming = .close, fees: FeeSchedule = .none, slippageTicks: Int64 = 0
  ) {
    self.marketFill = marketFill
    self.fees = fees
    self.slippageTicks = slippageTicks
  }
}
