/// An order as the host sends it to a venue (`th_venue_order`), with the symbol as a `String`.
///
/// `clientOrderID` is the idempotency key: an adapter that sees an id a second time throws
/// `PluginError.duplicate` and sends nothing. `limitPrice` is meaningful for limit and stop-limit
/// orders, `stopPrice` for stop and stop-limit orders; `filledQuantity` only in query results.
/// `parentOrderID` and `ocoOrderID` (ABI 1.3) link the order to earlier ones; the host sends a
/// linked order only to an adapter that declares `TH_EXCHANGE_OCO`.
public struct VenueOrder: Sendable, Hashable {
  public var instrumentID: UInt32
  public var clientOrderID: UInt64
  public var side: th_side
  /// `side` as an `OrderSide`, or nil for a value the ABI does not define.
  public var orderSide: OrderSide? { OrderSide(rawValue: side) }
  public var type: th_order_type
  public var timeInForce: th_time_in_force
  /// `TH_ORDER_FLAG_*` bits.
  public var flags: UInt32
  public var quantity: Double
  public var limitPrice: Double
  public var stopPrice: Double
  public var filledQuantity: Double
  /// The venue's symbol for `instrumentID`.
  public var symbol: String
  /// The order that must fill before this one works (a bracket's exits), or 0.
  public var parentOrderID: UInt64
  /// The order this one cancels, and is cancelled by, on a fill, cancel or expiry; or 0.
  public var ocoOrderID: UInt64

  public init(
    instrumentID: UInt32, clientOrderID: UInt64, side: th_side, type: th_order_type,
    timeInForce: th_time_in_force = th_time_in_force(TH_TIF_GTC), flags: UInt32 = 0,
    quantity: Double, limitPrice: Double = 0, stopPrice: Double = 0, filledQuantity: Double = 0,
    symbol: String, parentOrderID: UInt64 = 0, ocoOrderID: UInt64 = 0
  ) {
    self.instrumentID = instrumentID
    self.clientOrderID = clientOrderID
    self.side = side
    self.type = type
    self.timeInForce = timeInForce
    self.flags = flags
    self.quantity = quantity
    self.limitPrice = limitPrice
    self.stopPrice = stopPrice
    self.filledQuantity = filledQuantity
    self.symbol = symbol
    self.parentOrderID = parentOrderID
    self.ocoOrderID = ocoOrderID
  }

  /// Copies a C order; a NULL symbol becomes the empty string.
  public init(_ raw: th_venue_order) {
    self.init(
      instrumentID: raw.instrument_id, clientOrderID: raw.client_order_id, side: raw.side,
      type: raw.type, timeInForce: raw.time_in_force, flags: raw.flags, quantity: raw.quantity,
      limitPrice: raw.limit_price, stopPrice: raw.stop_price,
      filledQuantity: raw.filled_quantity, symbol: raw.symbol.map { String(cString: $0) } ?? "",
      parentOrderID: raw.parent_order_id, ocoOrderID: raw.oco_order_id)
  }

  /// The C form, with `symbol` pointing at `symbolPointer` (which must outlive its use).
  func raw(symbolPointer: UnsafePointer<CChar>?) -> th_venue_order {
    th_venue_order(
      struct_size: UInt32(MemoryLayout<th_venue_order>.size), instrument_id: instrumentID,
      client_order_id: clientOrderID, side: side, type: type, time_in_force: timeInForce,
      flags: flags, quantity: quantity, limit_price: limitPrice, stop_price: stopPrice,
      filled_quantity: filledQuantity, symbol: symbolPointer, parent_order_id: parentOrderID,
      oco_order_id: ocoOrderID)
  }
}
