import CTradeHostPlugin

/// Order intents as a strategy would send them through the C ABI (current `struct_size`),
/// for kernel and risk tests. Client tag 77 so a test can tell them apart.
public enum TestIntent {
  /// An intent with every field the tests vary; prices and quantities are the plugin's doubles.
  public static func make(
    side: Int, quantity: Double, instrument: UInt32 = 0, type: Int = TH_ORDER_MARKET,
    limit: Double = 0, stop: Double = 0, tif: Int = TH_TIF_GTC, flags: UInt32 = 0
  ) -> th_order_intent {
    var intent = th_order_intent()
    intent.struct_size = UInt32(MemoryLayout<th_order_intent>.size)
    intent.instrument_id = instrument
    intent.side = th_side(side)
    intent.type = th_order_type(type)
    intent.time_in_force = th_time_in_force(tif)
    intent.flags = flags
    intent.quantity = quantity
    intent.limit_price = limit
    intent.stop_price = stop
    intent.client_tag = 77
    return intent
  }
}
