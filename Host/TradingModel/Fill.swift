/// One execution of (part of) an order, as the venue reports it. Plain data, usable from any
/// thread. `quantity` is positive at the instrument's size precision, `price` at its price
/// precision; `fee` is in the instrument's (the account's) currency, positive when paid and
/// negative for a rebate.
public struct Fill: Sendable, Hashable {
  /// The order filled.
  public var clientOrderID: ClientOrderID
  /// The slot that owns the order.
  public var slot: SlotID
  /// The instrument.
  public var instrument: InstrumentID
  /// The order's side.
  public var side: OrderSide
  /// The size filled (positive).
  public var quantity: Quantity
  /// The execution price.
  public var price: Price
  /// The fee charged (negative: a rebate).
  public var fee: Money
  /// Maker or taker.
  public var liquidity: Liquidity
  /// Execution time, ns since the epoch (UTC).
  public var timestamp: Int64
  /// The venue's trade id.
  public var tradeID: UInt64

  @inlinable
  public init(
    clientOrderID: ClientOrderID, slot: SlotID, instrument: InstrumentID, side: OrderSide,
    quantity: Quantity, price: Price, fee: Money, liquidity: Liquidity, timestamp: Int64,
    tradeID: UInt64
  ) {
    self.clientOrderID = clientOrderID
    self.slot = slot
    self.instrument = instrument
    self.side = side
    self.quantity = quantity
    self.price = price
    self.fee = fee
    self.liquidity = liquidity
    self.timestamp = timestamp
    self.tradeID = tradeID
  }
}
