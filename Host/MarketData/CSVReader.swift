import TradingModel

/// Reads a whole market-data CSV file into one compact series (`MarketSeries`): bars, quotes
/// or trades of one instrument. Plain value; `read` is synchronous, does blocking file I/O,
/// allocates only the result (no per-row or per-field strings), and may be called from any
/// thread. Bad input never traps: every problem is a `DataError` naming file, line and column.
///
/// Every row is checked: its field count, every number exact (`DecimalScan`, the language of
/// `FixedPoint.parse`), every timestamp a real instant, times in order (bars strictly, ticks
/// non-decreasing), bars consistent (`Bar.isConsistent`), sizes non-negative.
///
/// ```swift
/// let reader = CSVReader(options: CSVReadOptions(instrument: 3, pricePrecision: 2))
/// let spy = try reader.readBars(path: "spy_1s_trade_bars_20131007_20131011.csv")
/// ```
public struct CSVReader: Sendable {
  /// How the layout is found (default: detected).
  public var layout: LayoutChoice
  /// How values are interpreted.
  public var options: CSVReadOptions

  public init(layout: LayoutChoice = .detect, options: CSVReadOptions = CSVReadOptions()) {
    self.layout = layout
    self.options = options
  }

  /// Reads the file at `path`.
  public func read(path: String) throws(DataError) -> MarketSeries {
    try read(bytes: FileBytes.read(path: path), path: path)
  }

  /// Reads a file already in memory; `path` only names it in errors.
  public func read(bytes: [UInt8], path: String) throws(DataError) -> MarketSeries {
    try bytes.withUnsafeBufferPointer { (buffer) throws(DataError) -> MarketSeries in
      try read(buffer, path: path)
    }
  }

  /// Reads the file at `path`, which must hold bars or bid/ask bars.
  public func readBars(path: String) throws(DataError) -> BarSeries {
    let series = try read(path: path)
    guard let bars = series.bars else { throw wrongKind(series, expected: "bars", path: path) }
    return bars
  }

  /// Reads the file at `path`, which must hold quotes.
  public func readQuotes(path: String) throws(DataError) -> QuoteSeries {
    let series = try read(path: path)
    guard let quotes = series.quotes else {
      throw wrongKind(series, expected: "quotes", path: path)
    }
    return quotes
  }

  /// Reads the file at `path`, which must hold trades.
  public func readTrades(path: String) throws(DataError) -> TradeSeries {
    let series = try read(path: path)
    guard let trades = series.trades else {
      throw wrongKind(series, expected: "trades", path: path)
    }
    return trades
  }

  /// The layout `read` would use for these bytes.
  public func resolvedLayout(bytes: [UInt8], path: String) throws(DataError) -> CSVLayout {
    try bytes.withUnsafeBufferPointer { (buffer) throws(DataError) -> CSVLayout in
      try resolvedLayout(buffer, path: path)
    }
  }

  func resolvedLayout(_ buffer: UnsafeBufferPointer<UInt8>, path: String) throws(DataError)
    -> CSVLayout
  {
    switch layout {
    case .detect: try CSVLayout.detect(buffer, path: path, kind: nil)
    case .kind(let kind): try CSVLayout.detect(buffer, path: path, kind: kind)
    case .explicit(let layout): layout
    }
  }

  func read(_ buffer: UnsafeBufferPointer<UInt8>, path: String) throws(DataError) -> MarketSeries {
    try options.validate(path: path)
    let layout = try resolvedLayout(buffer, path: path)
    let plan = try ColumnPlan(layout: layout, path: path)
    var rows = RowCursor(
      buffer: buffer, path: path, layout: layout, plan: plan,
      utcOffsetSeconds: options.utcOffsetSeconds ?? layout.utcOffsetSeconds)
    switch plan.kind {
    case .bars: return .bars(try BarReading.read(&rows, options: options))
    case .bidAskBars: return .bars(try BidAskBarReading.read(&rows, options: options))
    case .quotes: return .quotes(try QuoteReading.read(&rows, options: options))
    case .trades: return .trades(try TradeReading.read(&rows, options: options))
    }
  }

  private func wrongKind(_ series: MarketSeries, expected: String, path: String) -> DataError {
    let found =
      switch series {
      case .bars: "bars"
      case .quotes: "quotes"
      case .trades: "trades"
      }
    return DataError(
      path: path, code: .unrecognizedLayout, message: "the file holds \(found), not \(expected)")
  }
}
