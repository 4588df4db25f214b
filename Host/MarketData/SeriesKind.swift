/// What a market-data file holds, and so which series reading it produces. Pure data.
///
/// The raw values are the names the CLI accepts (`--layout bars`).
public enum SeriesKind: String, Sendable, Hashable, CaseIterable {
  /// OHLC(V) trade bars: a `BarSeries`.
  case bars = "bars"
  /// Bid and ask OHLC bars in one row: a `BarSeries` of the side `CSVReadOptions.barSide` picks.
  case bidAskBars = "bidask-bars"
  /// Top-of-book quote ticks (bid, ask, optional sizes): a `QuoteSeries`.
  case quotes = "quotes"
  /// Trade ticks (price, size, optional aggressor side): a `TradeSeries`.
  case trades = "trades"
}
