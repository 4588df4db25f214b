/// A market event the host feeds an exchange plugin (ABI 1.2 `on_market_event`): a bar, a quote
/// or a trade of an instrument the venue trades, from the host's own data (a backtest's files,
/// the paper market), before any strategy sees it.
public enum VenueMarketEvent: Sendable {
  /// A closed bar.
  case bar(Bar)
  /// A top-of-book quote.
  case quote(Quote)
  /// A trade print.
  case trade(Trade)

  /// The event's time, ns since the epoch.
  public var timestamp: Int64 {
    switch self {
    case .bar(let bar): bar.ts_event
    case .quote(let quote): quote.ts_event
    case .trade(let trade): trade.ts_event
    }
  }

  /// The host's instrument id.
  public var instrumentID: UInt32 {
    switch self {
    case .bar(let bar): bar.instrument_id
    case .quote(let quote): quote.instrument_id
    case .trade(let trade): trade.instrument_id
    }
  }

  /// Reads the host's `th_venue_event`, copying no further than each struct's `struct_size`.
  init(_ event: UnsafePointer<th_venue_event>?) throws {
    guard let event else { throw PluginError.invalidArgument("market event is NULL") }
    var raw = th_venue_event()
    try copyHostStruct(event, into: &raw, name: "th_venue_event")
    switch Int(raw.type) {
    case TH_VENUE_BAR:
      var bar = Bar()
      try copyHostStruct(raw.bar, into: &bar, name: "th_bar")
      self = .bar(bar)
    case TH_VENUE_QUOTE:
      var quote = Quote()
      try copyHostStruct(raw.quote, into: &quote, name: "th_quote")
      self = .quote(quote)
    case TH_VENUE_TRADE:
      var trade = Trade()
      try copyHostStruct(raw.trade, into: &trade, name: "th_trade")
      self = .trade(trade)
    default:
      throw PluginError.invalidArgument("market event of type \(raw.type) is not a bar, quote or trade")
    }
  }
}
