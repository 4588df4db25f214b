import TradingModel

/// The row loop for trade tick files. Called by `CSVReader` on its thread.
enum TradeReading {
  static func read(_ rows: inout RowCursor, options: CSVReadOptions) throws(DataError)
    -> TradeSeries
  {
    let plan = rows.plan
    let price = plan.index(.price)
    let size = plan.index(.size)
    let side = plan.index(.side)
    let suspicious = plan.index(.suspicious)
    var prices = PrecisionGroup(role: .price, given: options.pricePrecision)
    var sizes = PrecisionGroup(role: .size, given: options.sizePrecision)
    var trades: [Trade] = []
    trades.reserveCapacity(rows.estimatedRows)
    var gaps = GapTracker()
    var skipped = 0
    while try rows.next() {
      if suspicious >= 0 {
        let flagged = try flag(rows, column: suspicious)
        if flagged && options.skipSuspicious {
          skipped += 1
          continue
        }
      }
      let time = try rows.timestamp()
      try gaps.take(time, rows: rows, strictly: false)
      trades.append(
        Trade(
          instrument: options.instrument, timestamp: time, price: try rows.price(price, &prices),
          size: try rows.size(size, &sizes),
          aggressor: side < 0 ? .unknown : try aggressor(rows, column: side)))
    }
    if trades.isEmpty && skipped == 0 { throw rows.noRows() }
    let pricePrecision = try rows.resolve(prices)
    let sizePrecision = try rows.resolve(sizes)
    var rounded = 0
    var unused = 0
    for index in trades.indices {
      let trade = trades[index]
      trades[index].price = Price(
        raw: PrecisionGroup.finalRaw(
          trade.price.raw, from: trade.price.precision, to: pricePrecision, rounded: &unused),
        precision: pricePrecision)
      trades[index].size = Quantity(
        raw: PrecisionGroup.finalRaw(
          trade.size.raw, from: trade.size.precision, to: sizePrecision, rounded: &rounded),
        precision: sizePrecision)
    }
    return TradeSeries(
      instrument: options.instrument, pricePrecision: pricePrecision,
      sizePrecision: sizePrecision, trades: trades, skippedRows: skipped, roundedSizes: rounded)
  }

  /// A `suspicious` field: `0` or `1` (also `true`/`false`, any case).
  static func flag(_ rows: borrowing RowCursor, column: Int) throws(DataError) -> Bool {
    let field = rows.field(column)
    if matches(field, "0") || matches(field, "false") { return false }
    if matches(field, "1") || matches(field, "true") { return true }
    throw rows.failure(
      .invalidValue, column: column, "\(rows.quoted(column)) is not a flag (0 or 1)")
  }

  /// A side field, any case: `buy`/`b` (the buyer took liquidity), `sell`/`s`, or
  /// empty/`unknown`.
  static func aggressor(_ rows: borrowing RowCursor, column: Int) throws(DataError)
    -> Trade.Aggressor
  {
    let field = rows.field(column)
    if matches(field, "buy") || matches(field, "b") { return .buyer }
    if matches(field, "sell") || matches(field, "s") { return .seller }
    if field.isEmpty || matches(field, "unknown") { return .unknown }
    throw rows.failure(
      .invalidValue, column: column,
      "\(rows.quoted(column)) is not a side (buy, sell, b, s or empty)")
  }

  /// Whether `field` equals the lower-case ASCII `word`, ignoring ASCII case.
  @inline(__always)
  private static func matches(_ field: UnsafeBufferPointer<UInt8>, _ word: StaticString) -> Bool {
    guard field.count == word.utf8CodeUnitCount else { return false }
    let expected = word.utf8Start
    for index in 0..<field.count {
      let byte = field[index]
      let lower = byte >= 65 && byte <= 90 ? byte + 32 : byte
      if lower != expected[index] { return false }
    }
    return true
  }
}
