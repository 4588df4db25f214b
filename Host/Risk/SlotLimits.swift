import TradingModel

/// Limits on one strategy slot. `nil` turns a limit off. Ratios are fractions of equity.
public struct SlotLimits: Sendable, Equatable {
  /// The largest order notional.
  public var maxOrderNotional: Money?
  /// The largest absolute position value per instrument.
  public var maxPositionNotional: Money?
  /// The slot's largest gross and absolute net exposure.
  public var maxGrossExposure: Money?
  public var maxNetExposure: Money?
  /// The slot's gross exposure / the slot's equity.
  public var maxLeverage: Double?
  /// The slot's gross exposure / the account's equity (the strategy concentration cap).
  public var maxConcentration: Double? = 0.30
  /// Orders approved per trading day; past it only orders that reduce a position pass.
  public var maxOrdersPerDay: Int? = 15
  /// Order notional approved per trading day (a credit threshold).
  public var maxDailyNotional: Money?
  /// Orders per second (a sliding window).
  public var maxOrdersPerSecond: Int? = 10
  /// Time after a fill before the slot may open or add to a position again, ns.
  public var cooldownNanos: Int64? = 300_000_000_000
  /// The day's loss as a fraction of the slot's starting-day equity that halts the slot.
  public var maxDailyLossFraction: Double?
  /// The slot's drawdown from its peak equity that halts the slot.
  public var maxDrawdown: Double?
  /// Consecutive losing round trips (net of fees) that pause the slot.
  public var maxConsecutiveLosses: Int? = 4

  public init() {}

  /// Every limit off.
  public static let unlimited: SlotLimits = {
    var limits = SlotLimits()
    limits.maxConcentration = nil
    limits.maxOrdersPerDay = nil
    limits.maxOrdersPerSecond = nil
    limits.cooldownNanos = nil
    limits.maxConsecutiveLosses = nil
    return limits
  }()
}
