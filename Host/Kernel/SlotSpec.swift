import TradingModel

/// How to build one strategy slot: which strategy plugin, with which parameters, on which
/// instruments, with how much of the account's capital. Plain data from a run config or flags.
public struct SlotSpec: Sendable {
  /// The slot's name (unique in a run; shown in reports and by `tradehost status`).
  public var name: String
  /// The strategy plugin's manifest id.
  public var strategy: String
  /// Parameter overrides (`name`, `value`), checked against the manifest.
  public var parameters: [(String, String)]
  /// The capital this slot's sub-ledger starts with, in the account currency.
  public var capital: Money
  /// Instruments whose events the slot receives (`nil`: all of the run's).
  public var instruments: [InstrumentID]?
  /// What the slot is for (default `production`); a `shadow` slot's capital is notional.
  public var role: SlotRole
  /// Bar series the kernel resamples from each of the slot's instruments and hands to it as
  /// they close (`th_bar.aggregation` and `step` say which), besides the feed's own events.
  public var bars: [BarAggregation] = []

  public init(
    name: String, strategy: String, parameters: [(String, String)] = [], capital: Money,
    instruments: [InstrumentID]? = nil, role: SlotRole = .production
  ) {
    self.role = role
    self.name = name
    self.strategy = strategy
    self.parameters = parameters
    self.capital = capital
    self.instruments = instruments
  }
}
