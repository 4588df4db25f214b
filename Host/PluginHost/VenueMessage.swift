import CTradeHostPlugin

/// One thing an exchange plugin told the host, copied out of its `th_venue_event` on the thread
/// that emitted it (the pointers inside die when `venue_emit` returns). Waits in the venue's
/// `VenueInbox` until the kernel thread drains it; nothing in it has been checked against the
/// host's orders yet.
struct VenueMessage {
  /// What the message is.
  enum Kind: UInt8 {
    /// An empty slot of the inbox.
    case none
    /// An order event (`type` and the numbers below are set).
    case order
    /// An event the inbox could not read (`text` says why).
    case malformed
    /// Market data the plugin streamed (`type` is `TH_VENUE_BAR`, `_QUOTE` or `_TRADE`; the
    /// numbers in `values`), queued only when the venue is its instruments' source.
    case market
  }

  var kind: Kind = .none
  /// `th_order_event_type`.
  var type: UInt32 = 0
  var clientOrderID: UInt64 = 0
  var instrumentID: UInt32 = 0
  var timestamp: Int64 = 0
  var fillQuantity: Double = 0
  var fillPrice: Double = 0
  var fee: Double = 0
  var leavesQuantity: Double = 0
  /// The venue's reason (rejects, cancels) or, for `.malformed`, what is wrong.
  var text: String?
  /// `.market`: a bar's open, high, low, close, volume; a quote's bid, ask, bid size, ask
  /// size; a trade's price and size (the aggressor in `side`).
  var values: (Double, Double, Double, Double, Double) = (0, 0, 0, 0, 0)
  /// `.market`, trades: `th_side` of the aggressor.
  var side: UInt32 = 0

  /// Copies an order event; `nil` text when the plugin gave no reason.
  init(order event: th_order_event) {
    kind = .order
    type = event.type
    clientOrderID = event.client_order_id
    instrumentID = event.instrument_id
    timestamp = event.ts_event
    fillQuantity = event.fill_quantity
    fillPrice = event.fill_price
    fee = event.fee
    leavesQuantity = event.leaves_quantity
    text = event.reason.map { String(cString: $0) }
  }

  /// Copies streamed market data (the payload's `struct_size` was checked by the caller).
  init(bar: th_bar) {
    kind = .market
    type = UInt32(TH_VENUE_BAR)
    instrumentID = bar.instrument_id
    timestamp = bar.ts_event
    values = (bar.open, bar.high, bar.low, bar.close, bar.volume)
  }

  init(quote: th_quote) {
    kind = .market
    type = UInt32(TH_VENUE_QUOTE)
    instrumentID = quote.instrument_id
    timestamp = quote.ts_event
    values = (quote.bid, quote.ask, quote.bid_size, quote.ask_size, 0)
  }

  init(trade: th_trade) {
    kind = .market
    type = UInt32(TH_VENUE_TRADE)
    instrumentID = trade.instrument_id
    timestamp = trade.ts_event
    values = (trade.price, trade.size, 0, 0, 0)
    side = trade.aggressor
  }

  /// An event the inbox refused to read.
  init(malformed detail: String, clientOrderID: UInt64 = 0) {
    kind = .malformed
    self.clientOrderID = clientOrderID
    text = detail
  }

  init() {}
}
