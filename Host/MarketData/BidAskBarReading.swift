import TradingModel

/// The row loop for bid/ask bar files (`bid_open...ask_close`): both sides are read and checked,
/// then the side `CSVReadOptions.barSide` picks becomes the series. Volume is zero (such files
/// carry none). Called by `CSVReader` on its thread.
enum BidAskBarReading {
  static func read(_ rows: inout RowCursor, options: CSVReadOptions) throws(DataError)
    -> BarSeries
  {
    let plan = rows.plan
    let bidColumns = (
      open: plan.index(.bidOpen), high: plan.index(.bidHigh), low: plan.index(.bidLow),
      close: plan.index(.bidClose)
    )
    let askColumns = (
      open: plan.index(.askOpen), high: plan.index(.askHigh), low: plan.index(.askLow),
      close: plan.index(.askClose)
    )
    var prices = PrecisionGroup(role: .price, given: options.pricePrecision)
    let volume = Quantity(raw: 0, precision: options.sizePrecision ?? 0)
    var bids: [Bar] = []
    var asks: [Bar] = []
    bids.reserveCapacity(rows.estimatedRows)
    asks.reserveCapacity(rows.estimatedRows)
    var gaps = GapTracker()
    while try rows.next() {
      let time = try rows.timestamp()
      try gaps.take(time, rows: rows, strictly: true)
      let bid = Bar(
        instrument: options.instrument, timestamp: time,
        open: try rows.price(bidColumns.open, &prices),
        high: try rows.price(bidColumns.high, &prices),
        low: try rows.price(bidColumns.low, &prices),
        close: try rows.price(bidColumns.close, &prices), volume: volume)
      let ask = Bar(
        instrument: options.instrument, timestamp: time,
        open: try rows.price(askColumns.open, &prices),
        high: try rows.price(askColumns.high, &prices),
        low: try rows.price(askColumns.low, &prices),
        close: try rows.price(askColumns.close, &prices), volume: volume)
      try rows.checkConsistent(bid, columns: bidColumns)
      try rows.checkConsistent(ask, columns: askColumns)
      bids.append(bid)
      asks.append(ask)
    }
    if bids.isEmpty { throw rows.noRows() }
    let precision = try rows.resolve(prices)
    let duration = try gaps.duration(
      given: options.barDuration, shifting: options.barTimestamp == .open, rows: rows)
    let shift = options.barTimestamp == .open ? duration : 0
    var unused = 0
    for index in bids.indices {
      BarReading.finish(
        &bids[index], pricePrecision: precision, volumePrecision: volume.precision, shift: shift,
        rounded: &unused)
      BarReading.finish(
        &asks[index], pricePrecision: precision, volumePrecision: volume.precision, shift: shift,
        rounded: &unused)
    }
    let bars: [Bar]
    switch options.barSide {
    case .bid: bars = bids
    case .ask: bars = asks
    case .mid:
      for index in bids.indices {
        let ask = asks[index]
        bids[index].open = midPrice(bids[index].open, ask.open)
        bids[index].high = midPrice(bids[index].high, ask.high)
        bids[index].low = midPrice(bids[index].low, ask.low)
        bids[index].close = midPrice(bids[index].close, ask.close)
      }
      bars = bids
    }
    return BarSeries(
      instrument: options.instrument, pricePrecision: precision,
      volumePrecision: volume.precision, duration: duration, bars: bars)
  }

  /// `(bid + ask) / 2`, rounded half to even at their (common) precision.
  @inline(__always)
  static func midPrice(_ bid: Price, _ ask: Price) -> Price {
    let (sum, overflow) = bid.raw.addingReportingOverflow(ask.raw)
    if overflow {
      return Price(
        raw: Int64(FixedPoint.divideRoundingHalfEven(Int128(bid.raw) + Int128(ask.raw), by: 2)),
        precision: bid.precision)
    }
    let half = sum >> 1  // rounds toward minus infinity
    let odd = sum & 1 != 0 && half & 1 != 0  // an exact .5 above an odd number rounds up
    return Price(raw: odd ? half + 1 : half, precision: bid.precision)
  }
}
