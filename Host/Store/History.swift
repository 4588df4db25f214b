import TradingModel

/// Orders and fills read back from a store, oldest first.
public struct History: Sendable, Equatable {
  /// One order with the names it was sent under and its latest event.
  public struct OrderRow: Sendable, Equatable {
    public var session: Int64
    public var slotName: String
    /// `SYMBOL.VENUE`.
    public var instrument: String
    public var order: OrderRecord
    /// The order's last journaled event (`submitted` when none came back yet).
    public var lastEvent: OrderEventKind
  }

  /// One fill with the names it happened under.
  public struct FillRow: Sendable, Equatable {
    public var session: Int64
    public var slotName: String
    public var instrument: String
    public var fill: Fill
  }

  public var orders: [OrderRow]
  public var fills: [FillRow]

  public init(orders: [OrderRow], fills: [FillRow]) {
    self.orders = orders
    self.fills = fills
  }
}
