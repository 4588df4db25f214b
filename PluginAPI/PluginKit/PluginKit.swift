@_exported import CTradeHostPlugin

/// A bar as the ABI defines it (`th_bar`): OHLCV doubles, close time in ns since the epoch (UTC).
public typealias Bar = th_bar
/// A top-of-book quote (`th_quote`).
public typealias Quote = th_quote
/// A trade print (`th_trade`).
public typealias Trade = th_trade
/// An event in the life of one of the strategy's orders (`th_order_event`).
public typealias OrderEvent = th_order_event
/// An order intent a strategy submits (`th_order_intent`).
public typealias OrderIntent = th_order_intent
/// A position the host holds for the calling instance (`th_position`).
public typealias Position = th_position
/// Instrument metadata (`th_instrument_info`).
public typealias InstrumentInfo = th_instrument_info

extension th_bar {
  /// A bar with `struct_size` set, for tests and for venues that emit bars.
  public init(
    instrumentID: UInt32, timestamp: Int64, open: Double, high: Double, low: Double, close: Double,
    volume: Double
  ) {
    self.init(
      struct_size: UInt32(MemoryLayout<th_bar>.size), instrument_id: instrumentID,
      ts_event: timestamp, open: open, high: high, low: low, close: close, volume: volume, aggregation: 0, reserved: 0, step: 0)
  }
}

extension th_order_intent {
  /// A market order intent with `struct_size` set. `winProbability` and `payoffRatio` are the
  /// strategy's estimate for the host's Kelly sizing (ABI 1.1; 0: none). `parentOrderID` and
  /// `ocoOrderID` link it to earlier orders of the slot (ABI 1.2; 0: none; see the header).
  public static func market(
    instrumentID: UInt32, side: OrderSide, quantity: Double, tag: UInt64 = 0,
    timeInForce: th_time_in_force = th_time_in_force(TH_TIF_GTC), flags: UInt32 = 0,
    winProbability: Double = 0, payoffRatio: Double = 0, parentOrderID: UInt64 = 0,
    ocoOrderID: UInt64 = 0
  ) -> th_order_intent {
    th_order_intent(
      struct_size: UInt32(MemoryLayout<th_order_intent>.size), instrument_id: instrumentID,
      side: side.raw, type: th_order_type(TH_ORDER_MARKET), time_in_force: timeInForce,
      flags: flags,
      quantity: quantity, limit_price: 0, stop_price: 0, client_tag: tag,
      win_probability: winProbability, payoff_ratio: payoffRatio,
      parent_order_id: parentOrderID, oco_order_id: ocoOrderID)
  }

  /// A limit order intent with `struct_size` set (the other arguments: as for `market`).
  public static func limit(
    instrumentID: UInt32, side: OrderSide, quantity: Double, price: Double, tag: UInt64 = 0,
    timeInForce: th_time_in_force = th_time_in_force(TH_TIF_GTC), flags: UInt32 = 0,
    winProbability: Double = 0, payoffRatio: Double = 0, parentOrderID: UInt64 = 0,
    ocoOrderID: UInt64 = 0
  ) -> th_order_intent {
    th_order_intent(
      struct_size: UInt32(MemoryLayout<th_order_intent>.size), instrument_id: instrumentID,
      side: side.raw, type: th_order_type(TH_ORDER_LIMIT), time_in_force: timeInForce, flags: flags,
      quantity: quantity, limit_price: price, stop_price: 0, client_tag: tag,
      win_probability: winProbability, payoff_ratio: payoffRatio,
      parent_order_id: parentOrderID, oco_order_id: ocoOrderID)
  }

  /// A stop (stop-market) order intent with `struct_size` set; with `limitPrice` a stop-limit
  /// (the other arguments: as for `market`). The stop-loss leg of a bracket.
  public static func stop(
    instrumentID: UInt32, side: OrderSide, quantity: Double, trigger: Double,
    limitPrice: Double? = nil, tag: UInt64 = 0,
    timeInForce: th_time_in_force = th_time_in_force(TH_TIF_GTC), flags: UInt32 = 0,
    parentOrderID: UInt64 = 0, ocoOrderID: UInt64 = 0
  ) -> th_order_intent {
    th_order_intent(
      struct_size: UInt32(MemoryLayout<th_order_intent>.size), instrument_id: instrumentID,
      side: side.raw,
      type: th_order_type(limitPrice == nil ? TH_ORDER_STOP : TH_ORDER_STOP_LIMIT),
      time_in_force: timeInForce, flags: flags, quantity: quantity,
      limit_price: limitPrice ?? 0, stop_price: trigger, client_tag: tag,
      win_probability: 0, payoff_ratio: 0, parent_order_id: parentOrderID,
      oco_order_id: ocoOrderID)
  }
}

/// The side of an order, as Swift code spells it (the ABI's `th_side` is a plain `UInt32`).
public enum OrderSide: UInt32, Sendable {
  /// `TH_SIDE_BUY`.
  case buy = 1
  /// `TH_SIDE_SELL`.
  case sell = 2

  /// The ABI value.
  public var raw: th_side { rawValue }
}
