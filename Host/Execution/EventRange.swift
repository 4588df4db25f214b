import TradingModel

/// The prices an event makes reachable for matching: the first price (a bar's open; a quote's
/// side; a trade) and the range (a bar's low..high), raw; and the volume it traded, raw (a bar's
/// volume, a trade's size; 0 for a quote).
struct EventRange {
  /// The first price a buy could get (open, ask, trade price).
  var openBuy: Int64
  /// The first price a sell could get (open, bid, trade price).
  var openSell: Int64
  /// The lowest price reached (low; for ticks the same as the first).
  var low: Int64
  /// The highest price reached.
  var high: Int64
  /// The traded volume (0 for quotes).
  var volume: Int64
  /// Whether the event printed trades (a bar or a trade, not a quote).
  var traded: Bool
  /// A trade's aggressor when the source says (a buyer lifts offers: resting sells trade; a
  /// seller hits bids: resting buys trade); `.unknown` for bars and quotes.
  var aggressor: Trade.Aggressor = .unknown

  init(_ event: MarketEvent) {
    switch event {
    case .bar(let bar):
      openBuy = bar.open.raw
      openSell = bar.open.raw
      low = bar.low.raw
      high = bar.high.raw
      volume = bar.volume.raw
      traded = true
    case .quote(let quote):
      openBuy = quote.ask.raw
      openSell = quote.bid.raw
      low = min(quote.bid.raw, quote.ask.raw)
      high = max(quote.bid.raw, quote.ask.raw)
      volume = 0
      traded = false
    case .trade(let trade):
      openBuy = trade.price.raw
      openSell = trade.price.raw
      low = trade.price.raw
      high = trade.price.raw
      volume = trade.size.raw
      traded = true
      aggressor = trade.aggressor
    }
  }

  /// Whether the event's trades could have been against resting orders of `side`: a known
  /// aggressor of the same side traded against the other side only.
  @inline(__always)
  func trades(against side: OrderSide) -> Bool {
    switch aggressor {
    case .unknown: true
    case .buyer: side == .sell
    case .seller: side == .buy
    }
  }

  /// A range made of one price (the reference, for orders that fill on submission).
  init(reference: ReferencePrices) {
    openBuy = reference.buy
    openSell = reference.sell
    low = min(reference.buy, reference.sell)
    high = max(reference.buy, reference.sell)
    volume = 0
    traded = false
  }

  @inline(__always)
  func open(for side: OrderSide) -> Int64 { side == .buy ? openBuy : openSell }

  /// The volume traded at one price level, estimated as spread evenly over the range's ticks.
  @inline(__always)
  func levelVolume(tick: Int64) -> Int64 {
    guard traded, tick > 0 else { return 0 }
    return volume / ((high - low) / tick + 1)
  }
}
