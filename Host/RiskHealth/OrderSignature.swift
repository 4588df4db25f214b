import TradingModel

/// What makes two orders "the same order again" for `RunawayDetector`'s repeated-order bound:
/// instrument, side, type, quantity and price, compared exactly. A plain value, usable from any
/// thread; building and comparing one never allocates.
public struct OrderSignature: Equatable, Hashable, Sendable {
  /// The instrument.
  public var instrument: InstrumentID
  /// Buy or sell.
  public var side: OrderSide
  /// The order type's ABI code (`TH_ORDER_MARKET` 1, `LIMIT` 2, `STOP` 3, `STOP_LIMIT` 4).
  public var orderType: UInt8
  /// The quantity's `raw` value (at the instrument's size precision).
  public var quantityRaw: Int64
  /// The price's `raw` value (at the instrument's price precision): the limit price, else the
  /// trigger price, else 0 for a market order.
  public var priceRaw: Int64

  public init(
    instrument: InstrumentID, side: OrderSide, orderType: UInt8, quantityRaw: Int64,
    priceRaw: Int64
  ) {
    self.instrument = instrument
    self.side = side
    self.orderType = orderType
    self.quantityRaw = quantityRaw
    self.priceRaw = priceRaw
  }

  /// The signature of `order` as proposed (its `quantity`, not what is left of it).
  public init(_ order: Order) {
    self.init(
      instrument: order.instrument, side: order.side, orderType: Self.typeCode(order.type),
      quantityRaw: order.quantity.raw,
      priceRaw: order.type.limitPrice?.raw ?? order.type.triggerPrice?.raw ?? 0)
  }

  /// The ABI code of an order type (`th_order_type`).
  public static func typeCode(_ type: OrderType) -> UInt8 {
    switch type {
    case .market: 1
    case .limit: 2
    case .stop: 3
    case .stopLimit: 4
    }
  }
}
