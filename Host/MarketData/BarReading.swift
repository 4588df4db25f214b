import TradingModel

/// The row loop for OHLC(V) bar files, and the finishing steps bar files share. Called by
/// `CSVReader` on its thread.
enum BarReading {
  static func read(_ rows: inout RowCursor, options: CSVReadOptions) throws(DataError)
    -> BarSeries
  {
    let plan = rows.plan
    let columns = (
      open: plan.index(.open), high: plan.index(.high), low: plan.index(.low),
      close: plan.index(.close)
    )
    let volume = plan.index(.volume)
    var prices = PrecisionGroup(role: .price, given: options.pricePrecision)
    var volumes = PrecisionGroup(role: .size, given: options.sizePrecision)
    let noVolume = Quantity(raw: 0, precision: options.sizePrecision ?? 0)
    var bars: [Bar] = []
    bars.reserveCapacity(rows.estimatedRows)
    var gaps = GapTracker()
    while try rows.next() {
      let time = try rows.timestamp()
      try gaps.take(time, rows: rows, strictly: true)
      let bar = Bar(
        instrument: options.instrument, timestamp: time,
        open: try rows.price(columns.open, &prices), high: try rows.price(columns.high, &prices),
        low: try rows.price(columns.low, &prices), close: try rows.price(columns.close, &prices),
        volume: volume < 0 ? noVolume : try rows.size(volume, &volumes))
      try rows.checkConsistent(bar, columns: columns)
      bars.append(bar)
    }
    if bars.isEmpty { throw rows.noRows() }
    let pricePrecision = try rows.resolve(prices)
    let volumePrecision = volume < 0 ? noVolume.precision : try rows.resolve(volumes)
    let duration = try gaps.duration(
      given: options.barDuration, shifting: options.barTimestamp == .open, rows: rows)
    let shift = options.barTimestamp == .open ? duration : 0
    var rounded = 0
    for index in bars.indices {
      finish(
        &bars[index], pricePrecision: pricePrecision, volumePrecision: volumePrecision,
        shift: shift, rounded: &rounded)
    }
    return BarSeries(
      instrument: options.instrument, pricePrecision: pricePrecision,
      volumePrecision: volumePrecision, duration: duration, bars: bars, roundedVolumes: rounded)
  }

  /// Re-expresses a bar read while detecting precisions at the final ones, and moves its
  /// timestamp from open to close time.
  @inline(__always)
  static func finish(
    _ bar: inout Bar, pricePrecision: UInt8, volumePrecision: UInt8, shift: Int64,
    rounded: inout Int
  ) {
    var unused = 0
    func price(_ value: Price) -> Price {
      Price(
        raw: PrecisionGroup.finalRaw(
          value.raw, from: value.precision, to: pricePrecision, rounded: &unused),
        precision: pricePrecision)
    }
    bar.open = price(bar.open)
    bar.high = price(bar.high)
    bar.low = price(bar.low)
    bar.close = price(bar.close)
    bar.volume = Quantity(
      raw: PrecisionGroup.finalRaw(
        bar.volume.raw, from: bar.volume.precision, to: volumePrecision, rounded: &rounded),
      precision: volumePrecision)
    bar.timestamp += shift
  }
}
