import TradingModel

/// The simulated venue's view of one instrument's market: the prices a market order would get
/// now. Raw values at the instrument's price precision; zero means unknown.
struct ReferencePrices {
  /// What a buy pays (the ask, or the last price when there is no quote).
  var buy: Int64 = 0
  /// What a sell gets (the bid, or the last price).
  var sell: Int64 = 0

  var isKnown: Bool { buy != 0 && sell != 0 }

  /// The price for `side`.
  @inline(__always)
  func price(for side: OrderSide) -> Int64 { side == .buy ? buy : sell }

  /// Updates from an event after matching: a bar's close, a quote's bid and ask, a trade.
  @inline(__always)
  mutating func update(with event: MarketEvent) {
    switch event {
    case .bar(let bar):
      buy = bar.close.raw
      sell = bar.close.raw
    case .quote(let quote):
      buy = quote.ask.raw
      sell = quote.bid.raw
    case .trade(let trade):
      buy = trade.price.raw
      sell = trade.price.raw
    }
  }
}
