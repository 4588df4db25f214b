import TradingModel

/// The row loop for quote tick files. Called by `CSVReader` on its thread.
enum QuoteReading {
  static func read(_ rows: inout RowCursor, options: CSVReadOptions) throws(DataError)
    -> QuoteSeries
  {
    let plan = rows.plan
    let bid = plan.index(.bid)
    let ask = plan.index(.ask)
    let bidSize = plan.index(.bidSize)
    let askSize = plan.index(.askSize)
    let hasSizes = bidSize >= 0 || askSize >= 0
    var prices = PrecisionGroup(role: .price, given: options.pricePrecision)
    var sizes = PrecisionGroup(role: .size, given: options.sizePrecision)
    let noSize = Quantity(raw: 0, precision: options.sizePrecision ?? 0)
    var quotes: [Quote] = []
    quotes.reserveCapacity(rows.estimatedRows)
    var gaps = GapTracker()
    while try rows.next() {
      let time = try rows.timestamp()
      try gaps.take(time, rows: rows, strictly: false)
      quotes.append(
        Quote(
          instrument: options.instrument, timestamp: time, bid: try rows.price(bid, &prices),
          ask: try rows.price(ask, &prices),
          bidSize: bidSize < 0 ? noSize : try rows.size(bidSize, &sizes),
          askSize: askSize < 0 ? noSize : try rows.size(askSize, &sizes)))
    }
    if quotes.isEmpty { throw rows.noRows() }
    let pricePrecision = try rows.resolve(prices)
    let sizePrecision = hasSizes ? try rows.resolve(sizes) : noSize.precision
    var rounded = 0
    var unused = 0
    for index in quotes.indices {
      let quote = quotes[index]
      quotes[index].bid.raw = PrecisionGroup.finalRaw(
        quote.bid.raw, from: quote.bid.precision, to: pricePrecision, rounded: &unused)
      quotes[index].ask.raw = PrecisionGroup.finalRaw(
        quote.ask.raw, from: quote.ask.precision, to: pricePrecision, rounded: &unused)
      quotes[index].bidSize.raw = PrecisionGroup.finalRaw(
        quote.bidSize.raw, from: quote.bidSize.precision, to: sizePrecision, rounded: &rounded)
      quotes[index].askSize.raw = PrecisionGroup.finalRaw(
        quote.askSize.raw, from: quote.askSize.precision, to: sizePrecision, rounded: &rounded)
      quotes[index].bid.precision = pricePrecision
      quotes[index].ask.precision = pricePrecision
      quotes[index].bidSize.precision = sizePrecision
      quotes[index].askSize.precision = sizePrecision
    }
    return QuoteSeries(
      instrument: options.instrument, pricePrecision: pricePrecision,
      sizePrecision: sizePrecision, quotes: quotes, roundedSizes: rounded)
  }
}
