/// What one CSV column means to the reader. Pure data; the raw values are the canonical column
/// names (used in layout descriptions and cache keys).
public enum ColumnRole: String, Sendable, Hashable, CaseIterable {
  /// The whole timestamp in one field (any `TimestampFormat`).
  case timestamp
  /// The date half of a split timestamp (`YYYY-MM-DD`), paired with `.time`.
  case date
  /// The time half of a split timestamp (`HH:MM[:SS[.f]]`), paired with `.date`.
  case time
  /// Bar open price.
  case open
  /// Bar high price.
  case high
  /// Bar low price.
  case low
  /// Bar close price.
  case close
  /// Bar volume (optional; zero when absent).
  case volume
  /// Bid bar open price.
  case bidOpen = "bid_open"
  /// Bid bar high price.
  case bidHigh = "bid_high"
  /// Bid bar low price.
  case bidLow = "bid_low"
  /// Bid bar close price.
  case bidClose = "bid_close"
  /// Ask bar open price.
  case askOpen = "ask_open"
  /// Ask bar high price.
  case askHigh = "ask_high"
  /// Ask bar low price.
  case askLow = "ask_low"
  /// Ask bar close price.
  case askClose = "ask_close"
  /// Best bid price of a quote.
  case bid
  /// Best ask price of a quote.
  case ask
  /// Size at the best bid (optional; zero when absent).
  case bidSize = "bid_size"
  /// Size at the best ask (optional; zero when absent).
  case askSize = "ask_size"
  /// Trade price.
  case price
  /// Trade size.
  case size
  /// Trade aggressor side: `buy`/`sell` (also `b`/`s`, any case); empty or `unknown` is unknown.
  case side
  /// A bad-print flag, `0` or `1` (AlgoSeek's `suspicious`); see `CSVReadOptions.skipSuspicious`.
  case suspicious
  /// A column the reader skips (its field is still counted).
  case ignored
}
