import TradingModel

/// One file's worth of market data: bars, quotes or trades of one instrument. Plain data; what
/// `CSVReader.read` returns, `DataCache` stores and `MarketEventCursor` merges.
public enum MarketSeries: Sendable, Hashable {
  /// Bars (from a bar or bid/ask bar file).
  case bars(BarSeries)
  /// Quote ticks.
  case quotes(QuoteSeries)
  /// Trade ticks.
  case trades(TradeSeries)

  /// The number of events.
  public var count: Int {
    switch self {
    case .bars(let series): series.bars.count
    case .quotes(let series): series.quotes.count
    case .trades(let series): series.trades.count
    }
  }

  /// The instrument of every event.
  public var instrument: InstrumentID {
    switch self {
    case .bars(let series): series.instrument
    case .quotes(let series): series.instrument
    case .trades(let series): series.instrument
    }
  }

  /// The event at `index` (`0..<count`).
  @inlinable
  public func event(at index: Int) -> MarketEvent {
    switch self {
    case .bars(let series): .bar(series.bars[index])
    case .quotes(let series): .quote(series.quotes[index])
    case .trades(let series): .trade(series.trades[index])
    }
  }

  /// The timestamp of the event at `index` (a bar's close time).
  @inlinable
  public func timestamp(at index: Int) -> Int64 {
    switch self {
    case .bars(let series): series.bars[index].timestamp
    case .quotes(let series): series.quotes[index].timestamp
    case .trades(let series): series.trades[index].timestamp
    }
  }

  /// The bars, when the series is bars.
  public var bars: BarSeries? {
    if case .bars(let series) = self { return series }
    return nil
  }

  /// The quotes, when the series is quotes.
  public var quotes: QuoteSeries? {
    if case .quotes(let series) = self { return series }
    return nil
  }

  /// The trades, when the series is trades.
  public var trades: TradeSeries? {
    if case .trades(let series) = self { return series }
    return nil
  }
}
