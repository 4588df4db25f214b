import TradingModel

/// The bars of one instrument read from one file, in time order (strictly increasing close
/// times), every price at `pricePrecision` and every volume at `volumePrecision`. Plain data:
/// build once, share freely across threads.
public struct BarSeries: Sendable, Hashable {
  /// The instrument stamped on every bar.
  public var instrument: InstrumentID
  /// Decimals of every price.
  public var pricePrecision: UInt8
  /// Decimals of every volume (0 when the file has no volume column).
  public var volumePrecision: UInt8
  /// The bar duration, nanoseconds (`Bar.timestamp` is the close: open + duration).
  public var duration: Int64
  /// The bars, in order.
  public var bars: [Bar]
  /// How many volumes were rounded because their exact value does not fit 64 bits at the
  /// precision the others need (see `PrecisionGroup`); 0 for almost every file.
  public var roundedVolumes: Int

  public init(
    instrument: InstrumentID, pricePrecision: UInt8, volumePrecision: UInt8, duration: Int64,
    bars: [Bar], roundedVolumes: Int = 0
  ) {
    self.instrument = instrument
    self.pricePrecision = pricePrecision
    self.volumePrecision = volumePrecision
    self.duration = duration
    self.bars = bars
    self.roundedVolumes = roundedVolumes
  }
}
