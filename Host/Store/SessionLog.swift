import TradingModel

/// One session's journal as recovery reads it: its market record, and each kind of record the
/// kernel journals, each in the order it was journaled (orders by client order id).
public struct SessionLog: Sendable, Equatable {
  public var session: Int64
  /// The session's market record (`nil`: a session of an older binary, or one that died before
  /// its first batch was committed).
  public var market: RunMarketRecord?
  public var orders: [OrderRecord]
  public var orderEvents: [OrderEventRecord]
  public var fills: [Fill]
  /// The amends venues confirmed, in the order journaled.
  public var amendments: [AmendmentRecord]
  public var rounds: [RoundRecord]
  public var audit: [AuditEntry]
  /// The slots' versions and roles, in the order journaled (the last per slot is current).
  public var slots: [SlotRecord]

  public init(
    session: Int64, market: RunMarketRecord? = nil, orders: [OrderRecord] = [],
    orderEvents: [OrderEventRecord] = [], fills: [Fill] = [], rounds: [RoundRecord] = [],
    audit: [AuditEntry] = [], slots: [SlotRecord] = [], amendments: [AmendmentRecord] = []
  ) {
    self.session = session
    self.market = market
    self.orders = orders
    self.orderEvents = orderEvents
    self.fills = fills
    self.amendments = amendments
    self.rounds = rounds
    self.audit = audit
    self.slots = slots
  }
}
