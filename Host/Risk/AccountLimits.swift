import TradingModel

/// Limits on the whole account (every slot together). `nil` turns a limit off. Ratios are
/// fractions (`0.05` is 5%) of the account's mark-to-market equity.
public struct AccountLimits: Sendable, Equatable {
  /// The largest gross exposure (sum of every slot's absolute position values).
  public var maxGrossExposure: Money?
  /// The largest absolute net exposure (long minus short values).
  public var maxNetExposure: Money?
  /// Gross exposure / equity.
  public var maxLeverage: Double? = 1.0
  /// An instrument's gross exposure across slots / equity.
  public var maxSymbolConcentration: Double? = 0.05
  /// A venue's gross exposure across slots and instruments / equity.
  public var maxVenueConcentration: Double? = 0.20
  /// Order notional approved per trading day (a credit threshold).
  public var maxDailyNotional: Money?
  /// Orders approved per trading day, every slot together.
  public var maxOrdersPerDay: Int?
  /// The day's loss from its starting equity that halts the account, absolute.
  public var maxDailyLoss: Money?
  /// The day's loss as a fraction of its starting equity that halts the account.
  public var maxDailyLossFraction: Double? = 0.02
  /// The drawdown from peak equity that halts the account.
  public var maxDrawdown: Double? = 0.05
  /// The drawdown from the highest equity of the last 7 days (trading-day boundaries, weekends included) that freezes automatic
  /// deployments (slot promotions).
  public var deploymentFreezeDrawdown: Double? = 0.08

  public init() {}

  /// Every limit off (the kernel's own checks and the trading states still apply).
  public static let unlimited: AccountLimits = {
    var limits = AccountLimits()
    limits.maxLeverage = nil
    limits.maxSymbolConcentration = nil
    limits.maxVenueConcentration = nil
    limits.maxDailyLossFraction = nil
    limits.maxDrawdown = nil
    limits.deploymentFreezeDrawdown = nil
    return limits
  }()
}
