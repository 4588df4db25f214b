import TradingModel

/// One entry of a session's journal, in the order it happened. The kernel's records (orders,
/// order events, fills) are plain values with no reference to count, so the kernel can copy them
/// into the journal's preallocated ring without allocating; the others come from the edges
/// (session set-up, deployments, the audit trail), where allocation is fine.
public enum JournalRecord: Sendable, Equatable {
  /// An order as it is sent to its venue (write-ahead: journaled before the venue sees it).
  case order(OrderRecord)
  /// Something that happened to an order (accepted, canceled, rejected, expired, denied, ...).
  case orderEvent(OrderEventRecord)
  /// An execution reported by the venue.
  case fill(Fill)
  /// A change of an order's quantity or prices its venue confirmed.
  case amendment(AmendmentRecord)
  /// An instrument of the session (at its start).
  case instrument(InstrumentRecord)
  /// A slot's strategy version and role (at the start and after every change).
  case slot(SlotRecord)
  /// A reload, promotion, rollback or role change.
  case deployment(DeploymentRecord)
  /// A risk audit entry (state changes, breakers, kills, operator actions).
  case audit(AuditEntry)
  /// The session stopped cleanly (its stop marker), at this time.
  case stop(time: Int64)
  /// What a paper session trades and which session it continues (once, at its start).
  case runMarket(RunMarketRecord)
  /// A round of a paper session's market was processed (a recovery checkpoint).
  case round(RoundRecord)
}

/// An order as routed: who sent it, what it asks for.
public struct OrderRecord: Sendable, Equatable {
  /// When it was sent, ns since the epoch.
  public var time: Int64
  public var clientOrderID: ClientOrderID
  public var slot: SlotID
  public var instrument: InstrumentID
  public var side: OrderSide
  public var quantity: Quantity
  public var type: OrderType
  public var timeInForce: TimeInForce
  public var reduceOnly: Bool
  public var clientTag: UInt64

  public init(_ order: Order, time: Int64) {
    self.time = time
    clientOrderID = order.clientOrderID
    slot = order.slot
    instrument = order.instrument
    side = order.side
    quantity = order.quantity
    type = order.type
    timeInForce = order.timeInForce
    reduceOnly = order.reduceOnly
    clientTag = order.clientTag
  }
}

/// One event of an order (fills are `Fill` records).
public struct OrderEventRecord: Sendable, Equatable {
  public var time: Int64
  public var clientOrderID: ClientOrderID
  public var slot: SlotID
  public var kind: OrderEventKind
  /// The unfilled size after the event (zero for a denied intent).
  public var leavesQuantity: Quantity
  /// The denial's code (`DenialReason.code`) for `denied`, else 0.
  public var reasonCode: Int32

  public init(
    time: Int64, clientOrderID: ClientOrderID, slot: SlotID, kind: OrderEventKind,
    leavesQuantity: Quantity, reasonCode: Int32 = 0
  ) {
    self.time = time
    self.clientOrderID = clientOrderID
    self.slot = slot
    self.kind = kind
    self.leavesQuantity = leavesQuantity
    self.reasonCode = reasonCode
  }
}

/// An instrument as the session traded it (so history can name symbols and precisions).
public struct InstrumentRecord: Sendable, Equatable {
  public var id: InstrumentID
  public var symbol: String
  public var venue: String
  public var currency: Currency
  public var pricePrecision: UInt8
  public var sizePrecision: UInt8

  public init(_ instrument: Instrument) {
    id = instrument.id
    symbol = instrument.symbol
    venue = instrument.venue
    currency = instrument.currency
    pricePrecision = instrument.pricePrecision
    sizePrecision = instrument.sizePrecision
  }
}

/// A slot's running strategy version.
public struct SlotRecord: Sendable, Equatable {
  public var time: Int64
  public var slot: SlotID
  public var name: String
  public var role: String
  public var strategyID: String
  public var version: String
  /// The library's SHA-256 (hex), when known.
  public var sha256: String?

  public init(
    time: Int64, slot: SlotID, name: String, role: String, strategyID: String, version: String,
    sha256: String?
  ) {
    self.time = time
    self.slot = slot
    self.name = name
    self.role = role
    self.strategyID = strategyID
    self.version = version
    self.sha256 = sha256
  }
}

/// A deployment action on a slot.
public struct DeploymentRecord: Sendable, Equatable {
  public var time: Int64
  public var slot: String
  /// `reload`, `promote`, `rollback`, `role`, ...
  public var action: String
  /// One sentence: what changed and why.
  public var detail: String

  public init(time: Int64, slot: String, action: String, detail: String) {
    self.time = time
    self.slot = slot
    self.action = action
    self.detail = detail
  }
}

/// A risk audit entry as the store keeps it.
public struct AuditEntry: Sendable, Equatable {
  public var time: Int64
  public var source: String
  public var scope: String
  public var action: String
  public var from: String?
  public var to: String?
  public var reason: String

  public init(
    time: Int64, source: String, scope: String, action: String, from: String?, to: String?,
    reason: String
  ) {
    self.time = time
    self.source = source
    self.scope = scope
    self.action = action
    self.from = from
    self.to = to
    self.reason = reason
  }
}
