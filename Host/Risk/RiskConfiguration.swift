import MarketCalendars
import RiskHealth
import RiskSizing
import TradingModel

/// Everything the risk wrapper enforces, per account, slot, instrument and venue. Plain data,
/// from the `risk:` section of a run config (`RiskConfiguration+YAML` in Backtest) or built in
/// code. The defaults are the design's (docs/risk.md lists them); `unlimited` turns every
/// optional limit off, the runaway guard included, leaving the kernel's checks, the trading
/// states, the health breakers and the manual controls.
public struct RiskConfiguration: Sendable {
  public var account = AccountLimits()
  /// Limits of a slot not named in `slots`.
  public var slotDefaults = SlotLimits()
  /// Limits by slot name (each replaces `slotDefaults` for that slot).
  public var slots: [String: SlotLimits] = [:]
  /// Limits of an instrument not named in `instruments`.
  public var instrumentDefaults = InstrumentLimits()
  /// Limits by instrument (`SYMBOL.VENUE`).
  public var instruments: [String: InstrumentLimits] = [:]
  /// Orders per second per venue, every slot together (`nil`: no throttle).
  public var venueMaxOrdersPerSecond: Int? = 50
  /// What `kill` does to positions.
  public var killPolicy = KillPolicy.flatten
  /// Where the account goes when an audit record or the risk state cannot be written.
  public var onWriteFailure = WriteFailurePolicy.halted
  /// When the trading day (daily loss, orders and notional per day) starts (`nil`: midnight
  /// UTC).
  public var dailyReset: DailySchedule?
  /// Runaway bounds per slot (order and fill velocity, repeated identical orders).
  public var runaway = RunawayLimits.standard
  /// The strategy error-rate breaker (per slot; open: the slot's new orders are denied).
  public var pluginBreaker = CircuitBreaker.Policy.pluginErrors
  /// The venue breakers (open: only orders that reduce pass at that venue).
  public var venueErrorBreaker = CircuitBreaker.Policy.venueErrors
  public var venueLatencyBreaker = CircuitBreaker.Policy.venueLatency
  /// An acknowledgement slower than this counts against the venue's latency breaker, ns.
  public var venueLatencyBoundNanos: Int64 = 500_000_000
  /// Trading hours and holidays per instrument (`nil`: always open).
  public var tradingCalendar: TradingCalendar?
  /// Listed events with blackout windows (`nil`: none).
  public var eventCalendar: EventCalendar?
  /// Host-enforced sizing and exits by slot name (absent: none).
  public var sizing: [String: SlotSizing] = [:]
  public var exits: [String: ExitRules] = [:]

  public init() {}

  /// Every optional limit off.
  public static let unlimited: RiskConfiguration = {
    var configuration = RiskConfiguration()
    configuration.account = .unlimited
    configuration.slotDefaults = .unlimited
    configuration.instrumentDefaults = .unlimited
    configuration.venueMaxOrdersPerSecond = nil
    configuration.runaway = RunawayLimits()
    return configuration
  }()

  /// The limits of the slot named `name`.
  public func limits(slot name: String) -> SlotLimits { slots[name] ?? slotDefaults }

  /// The limits of `instrument`.
  public func limits(instrument: Instrument) -> InstrumentLimits {
    instruments[instrument.qualifiedSymbol] ?? instrumentDefaults
  }
}
