import TradingModel

/// The prices an event makes reachable for matching resting orders: the first price (a bar's
/// open; a quote's side; a trade) and the range (a bar's low..high). Raw values.
struct EventRange {
  /// The first price a buy could get (open, ask, trade price).
  var openBuy: Int64
  /// The first price a sell could get (open, bid, trade price).
  var openSell: Int64
  /// The lowest price reached (low; for ticks the same as the first).
  var low: Int64
  /// The highest price reached.
  var high: Int64

  init(_ event: MarketEvent) {
    switch event {
    case .bar(let bar):
      openBuy = bar.open.raw
      openSell = bar.open.raw
      low = bar.low.raw
      high = bar.high.raw
    case .quote(let quote):
      openBuy = quote.ask.raw
      openSell = quote.bid.raw
      low = min(quote.bid.raw, quote.ask.raw)
      high = max(quote.bid.raw, quote.ask.raw)
    case .trade(let trade):
      openBuy = trade.price.raw
      openSell = trade.price.raw
      low = trade.price.raw
      high = trade.price.raw
    }
  }

  @inline(__always)
  func open(for side: OrderSide) -> Int64 { side == .buy ? openBuy : openSell }
}
