import TradingModel

/// The quotes of one instrument read from one file, in time order (equal timestamps allowed,
/// kept in file order), prices at `pricePrecision`, sizes at `sizePrecision` (zero sizes when
/// the file has none). Crossed or locked quotes are kept as delivered. Plain data.
public struct QuoteSeries: Sendable, Hashable {
  /// The instrument stamped on every event.
  public var instrument: InstrumentID
  /// Decimals of every price.
  public var pricePrecision: UInt8
  /// Decimals of every size (0 when the file has none).
  public var sizePrecision: UInt8
  /// The quotes, in order.
  public var quotes: [Quote]
  /// Sizes rounded because they do not fit 64 bits exactly (see `PrecisionGroup`).
  public var roundedSizes: Int

  public init(
    instrument: InstrumentID, pricePrecision: UInt8, sizePrecision: UInt8, quotes: [Quote],
    roundedSizes: Int = 0
  ) {
    self.instrument = instrument
    self.pricePrecision = pricePrecision
    self.sizePrecision = sizePrecision
    self.quotes = quotes
    self.roundedSizes = roundedSizes
  }
}
