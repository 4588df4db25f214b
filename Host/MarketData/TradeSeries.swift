import TradingModel

/// The trades of one instrument read from one file, in time order (equal timestamps allowed,
/// kept in file order), prices at `pricePrecision`, sizes at `sizePrecision`. Plain data.
public struct TradeSeries: Sendable, Hashable {
  /// The instrument stamped on every event.
  public var instrument: InstrumentID
  /// Decimals of every price.
  public var pricePrecision: UInt8
  /// Decimals of every size (0 when the file has none).
  public var sizePrecision: UInt8
  /// The trades, in order.
  public var trades: [Trade]
  /// Rows dropped by `CSVReadOptions.skipSuspicious`.
  public var skippedRows: Int
  /// Sizes rounded because they do not fit 64 bits exactly (see `PrecisionGroup`).
  public var roundedSizes: Int

  public init(
    instrument: InstrumentID, pricePrecision: UInt8, sizePrecision: UInt8, trades: [Trade],
    skippedRows: Int = 0, roundedSizes: Int = 0
  ) {
    self.instrument = instrument
    self.pricePrecision = pricePrecision
    self.sizePrecision = sizePrecision
    self.trades = trades
    self.skippedRows = skippedRows
    self.roundedSizes = roundedSizes
  }
}
