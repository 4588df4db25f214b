import TradingModel

/// Limits on one instrument (every slot's orders in it). `nil` turns a limit off.
public struct InstrumentLimits: Sendable, Equatable {
  /// The largest order quantity.
  public var maxOrderQuantity: Quantity?
  /// The largest order notional.
  public var maxOrderNotional: Money?
  /// The largest absolute position, every slot together.
  public var maxPosition: Quantity?
  /// A limit or stop price further than this fraction from the last price is refused.
  public var collarFraction: Double? = 0.05
  /// A limit or stop price further than this many ticks from the last price is refused.
  public var collarTicks: Int64?
  /// A market order needs a price at most this old, ns (and a collar compares with it).
  public var maxPriceAgeNanos: Int64? = 60_000_000_000
  /// No event for this long moves the instrument to `reducing` until data is fresh again.
  public var staleAfterNanos: Int64? = 60_000_000_000
  /// Events that must arrive at most `staleAfterNanos` apart before a stale instrument is
  /// active again (the breaker's half-open probes).
  public var freshEventsToRecover = 3
  /// ATR / price above this blocks new entries (the volatility spike guard).
  public var maxVolatility: Double? = 0.025
  /// The ATR period of the volatility guard and ATR-based sizing and exits.
  public var atrPeriod = 14

  public init() {}

  /// Every limit off.
  public static let unlimited: InstrumentLimits = {
    var limits = InstrumentLimits()
    limits.collarFraction = nil
    limits.maxPriceAgeNanos = nil
    limits.staleAfterNanos = nil
    limits.maxVolatility = nil
    return limits
  }()
}
