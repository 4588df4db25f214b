import TradingModel

/// How to interpret a market-data file's values: what a layout cannot say. Pure data; the
/// defaults suit every file in shared data.
public struct CSVReadOptions: Sendable, Hashable, CustomStringConvertible {
  /// The kernel's id for the instrument the file belongs to (stamped on every event).
  public var instrument: InstrumentID
  /// The instrument's price precision. `nil`: detected, the most significant decimals seen in
  /// any price column. When given, a price with more decimals is an error, never rounded.
  public var pricePrecision: UInt8?
  /// The precision of volumes and sizes. `nil`: detected (see `PrecisionGroup` for the one case
  /// where detected sizes round). When given, a size with more decimals is an error.
  public var sizePrecision: UInt8?
  /// The bar duration in nanoseconds. `nil`: detected as the smallest positive gap between
  /// consecutive timestamps (an error when the file has a single bar).
  public var barDuration: Int64?
  /// Whether bar timestamps mark the open (default) or the close.
  public var barTimestamp: BarTimestamp
  /// Which side a bid/ask bar file becomes (default mid).
  public var barSide: BarSide
  /// The source's zone, seconds east of UTC, overriding the layout's (`-18000` for EST). Only
  /// timestamps without a zone of their own are shifted.
  public var utcOffsetSeconds: Int?
  /// Drop trade rows whose `suspicious` column is `1` (AlgoSeek's bad prints). Default `false`:
  /// keep every row, as the data vendor delivered it; dropped rows are counted in
  /// `TradeSeries.skippedRows` and are not checked beyond their field count.
  public var skipSuspicious: Bool

  public init(
    instrument: InstrumentID = 0, pricePrecision: UInt8? = nil, sizePrecision: UInt8? = nil,
    barDuration: Int64? = nil, barTimestamp: BarTimestamp = .open, barSide: BarSide = .mid,
    utcOffsetSeconds: Int? = nil, skipSuspicious: Bool = false
  ) {
    self.instrument = instrument
    self.pricePrecision = pricePrecision
    self.sizePrecision = sizePrecision
    self.barDuration = barDuration
    self.barTimestamp = barTimestamp
    self.barSide = barSide
    self.utcOffsetSeconds = utcOffsetSeconds
    self.skipSuspicious = skipSuspicious
  }

  /// One line, stable across runs (part of the cache key).
  public var description: String {
    func text<T>(_ value: T?) -> String { value.map { "\($0)" } ?? "auto" }
    return "instrument=\(instrument) price=\(text(pricePrecision)) size=\(text(sizePrecision)) "
      + "duration=\(text(barDuration)) stamp=\(barTimestamp.rawValue) side=\(barSide.rawValue) "
      + "utc=\(text(utcOffsetSeconds)) skip-suspicious=\(skipSuspicious)"
  }

  /// Checks the options on their own; `path` names the file in the error.
  func validate(path: String) throws(DataError) {
    for (name, value) in [("price", pricePrecision), ("size", sizePrecision)] {
      if let value, value > FixedPoint.maxPrecision {
        throw DataError(
          path: path, code: .invalidOption,
          message: "the \(name) precision \(value) is above the maximum \(FixedPoint.maxPrecision)")
      }
    }
    if let barDuration, barDuration <= 0 {
      throw DataError(
        path: path, code: .invalidOption, message: "the bar duration must be positive")
    }
    if let utcOffsetSeconds, abs(utcOffsetSeconds) >= 86_400 {
      throw DataError(
        path: path, code: .invalidOption, message: "the UTC offset must be less than a day")
    }
  }
}
