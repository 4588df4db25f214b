/// An OHLCV bar of one instrument. `timestamp` is the bar's close time (ns since the epoch,
/// UTC): the time its close is known, so nothing in the bar is visible before it.
/// Prices share the instrument's price precision; plain data, no allocation.
public struct Bar: Hashable, Sendable {
  public var instrument: InstrumentID
  /// Close time, ns since the epoch (UTC).
  public var timestamp: Int64
  public var open: Price
  public var high: Price
  public var low: Price
  public var close: Price
  public var volume: Quantity

  @inlinable
  public init(
    instrument: InstrumentID, timestamp: Int64, open: Price, high: Price, low: Price, close: Price,
    volume: Quantity
  ) {
    self.instrument = instrument
    self.timestamp = timestamp
    self.open = open
    self.high = high
    self.low = low
    self.close = close
    self.volume = volume
  }

  /// Whether `low <= open, close <= high` (a reader refuses bars that break it).
  public var isConsistent: Bool {
    low <= high && low <= open && open <= high && low <= close && close <= high
  }
}
