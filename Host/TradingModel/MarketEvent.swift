/// One market event as the kernel consumes it: a bar, a quote or a trade.
public enum MarketEvent: Hashable, Sendable {
  case bar(Bar)
  case quote(Quote)
  case trade(Trade)

  /// The event's time (a bar's close time), ns since the epoch.
  @inlinable
  public var timestamp: Int64 {
    switch self {
    case .bar(let bar): bar.timestamp
    case .quote(let quote): quote.timestamp
    case .trade(let trade): trade.timestamp
    }
  }

  /// The instrument the event belongs to.
  @inlinable
  public var instrument: InstrumentID {
    switch self {
    case .bar(let bar): bar.instrument
    case .quote(let quote): quote.instrument
    case .trade(let trade): trade.instrument
    }
  }
}
