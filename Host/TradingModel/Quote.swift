/// Top of book of one instrument at `timestamp` (ns since the epoch, UTC). Sizes are zero when
/// the source has none.
public struct Quote: Hashable, Sendable {
  public var instrument: InstrumentID
  public var timestamp: Int64
  public var bid: Price
  public var ask: Price
  public var bidSize: Quantity
  public var askSize: Quantity

  @inlinable
  public init(
    instrument: InstrumentID, timestamp: Int64, bid: Price, ask: Price, bidSize: Quantity,
    askSize: Quantity
  ) {
    self.instrument = instrument
    self.timestamp = timestamp
    self.bid = bid
    self.ask = ask
    self.bidSize = bidSize
    self.askSize = askSize
  }

  /// The mid price, rounded half to even at the quote's precision.
  public var mid: Price {
    Price(
      raw: Int64(FixedPoint.divideRoundingHalfEven(Int128(bid.raw) + Int128(ask.raw), by: 2)),
      precision: bid.precision)
  }
}
