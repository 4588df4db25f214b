/// A printed trade of one instrument at `timestamp` (ns since the epoch, UTC).
public struct Trade: Hashable, Sendable {
  /// Which side took liquidity, when the source says.
  public enum Aggressor: UInt8, Sendable {
    case unknown, buyer, seller
  }

  public var instrument: InstrumentID
  public var timestamp: Int64
  public var price: Price
  public var size: Quantity
  public var aggressor: Aggressor

  @inlinable
  public init(
    instrument: InstrumentID, timestamp: Int64, price: Price, size: Quantity,
    aggressor: Aggressor = .unknown
  ) {
    self.instrument = instrument
    self.timestamp = timestamp
    self.price = price
    self.size = size
    self.aggressor = aggressor
  }
}
