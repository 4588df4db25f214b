import TradingModel

/// An amend a venue confirmed: the order's new total quantity and prices from `time` on. Plain
/// values (the kernel copies it into the journal's ring without allocating).
public struct AmendmentRecord: Sendable, Equatable {
  /// When the venue's confirmation reached the kernel, ns since the epoch.
  public var time: Int64
  public var clientOrderID: ClientOrderID
  public var slot: SlotID
  /// The new ordered size, filled part included.
  public var quantity: Quantity
  /// The order's type with its new prices.
  public var type: OrderType

  public init(
    time: Int64, clientOrderID: ClientOrderID, slot: SlotID, quantity: Quantity, type: OrderType
  ) {
    self.time = time
    self.clientOrderID = clientOrderID
    self.slot = slot
    self.quantity = quantity
    self.type = type
  }

  /// The amended `order` as it stands at `time`.
  public init(_ order: Order, time: Int64) {
    self.init(
      time: time, clientOrderID: order.clientOrderID, slot: order.slot, quantity: order.quantity,
      type: order.type)
  }
}
