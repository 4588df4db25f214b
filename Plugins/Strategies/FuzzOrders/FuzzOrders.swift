import PluginKit

/// A test strategy that fuzzes the risk gate: on every bar it sends `orders_per_bar` random
/// order intents (random side, type, time in force, size and price around the close, some
/// reduce-only), a share of them deliberately malformed (NaN, negative, off-tick, huge), and
/// cancels a random resting order now and then; with `amend_share` it also amends one (ABI
/// 1.5). Seeded: the same seed gives the same stream.
///
/// It also checks the host's side of the contract: a DENIED event without a reason code or
/// reason text, or an AMEND_REJECTED without a reason text, makes `onOrderEvent` fail, which the host counts as a plugin error.
public final class FuzzOrders: StrategyPlugin {
  private let host: HostContext
  private var state: UInt64
  private let ordersPerBar: Int
  private let maxLots: Int
  private let lot: Double
  private let tick: Double
  /// `1 / tick` (ticks of a decimal fraction of the unit: 0.01, 0.05, 0.25).
  private let ticksPerUnit: Double
  private let invalidShare: Double
  /// The share of intents made post-only, and (each draw apart) linked to a random order the
  /// strategy saw accepted, as a child or an OCO partner (ABI 1.2); 0: none, and no draws.
  private let linkShare: Double
  /// The share of bars on which a random resting order is amended to a random size and price
  /// around the close (some malformed); 0: none, and no draws.
  private let amendShare: Double
  private var resting: [UInt64] = []

  public init(host: HostContext, parameters: PluginParameters) throws {
    self.host = host
    state = UInt64(bitPattern: Int64(try parameters.int("seed")))
    ordersPerBar = try parameters.int("orders_per_bar")
    maxLots = try parameters.int("max_lots")
    lot = try parameters.double("lot")
    tick = try parameters.double("tick")
    ticksPerUnit = (1 / tick).rounded()
    invalidShare = try parameters.double("invalid_share")
    linkShare = try parameters.double("link_share")
    amendShare = try parameters.double("amend_share")
    resting.reserveCapacity(256)
  }

  /// SplitMix64 (the plugin's own: plugins do not link host modules).
  private func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  private func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }

  private func below(_ bound: Int) -> Int { Int(next() % UInt64(max(bound, 1))) }

  public func onBar(_ bar: Bar) throws {
    for _ in 0..<ordersPerBar {
      if !resting.isEmpty, unit() < 0.2 {
        let index = below(resting.count)
        try? host.cancel(resting[index])
        resting.remove(at: index)
      }
      _ = try host.submit(randomIntent(bar))
    }
    if amendShare > 0, !resting.isEmpty, unit() < amendShare, host.canAmend {
      try? amendRandom(bar)
    }
  }

  /// Amends a random resting order: a random size, a random price around the close for both
  /// price fields (the host ignores neither: a price the type lacks is refused), some of them
  /// malformed, some leaving a value unchanged (NaN).
  private func amendRandom(_ bar: Bar) throws {
    let id = resting[below(resting.count)]
    var quantity = unit() < 0.3 ? Double.nan : Double(1 + below(maxLots)) * lot
    let price = ((bar.close * (1 + (unit() - 0.5) * 0.1)) / tick).rounded() / ticksPerUnit
    var limit = unit() < 0.5 ? Double.nan : price
    let stop = unit() < 0.8 ? Double.nan : price
    if unit() < invalidShare {
      switch below(3) {
      case 0: quantity = -lot
      case 1: limit = (price * ticksPerUnit + 0.37) / ticksPerUnit
      default: quantity = .infinity
      }
    }
    try host.amend(
      id, quantity: quantity.isNaN ? nil : quantity, limitPrice: limit.isNaN ? nil : limit,
      stopPrice: stop.isNaN ? nil : stop)
  }

  private func randomIntent(_ bar: Bar) -> OrderIntent {
    let side: OrderSide = unit() < 0.5 ? .buy : .sell
    var quantity = Double(1 + below(maxLots)) * lot
    let offset = (unit() - 0.5) * 0.2 * bar.close
    // Whole ticks divided by the ticks per unit: the double of an exact decimal (a product by
    // the tick carries its binary error, which the host refuses as too precise).
    var price = ((bar.close + offset) / tick).rounded() / ticksPerUnit
    var stop = ((bar.close - offset * 0.5) / tick).rounded() / ticksPerUnit
    if unit() < invalidShare {
      switch below(6) {
      case 0: quantity = .nan
      case 1: quantity = -quantity
      case 2: quantity = lot * 1e12
      case 3: price = (price * ticksPerUnit + 0.37) / ticksPerUnit
      case 4: price = .infinity
      default: stop = -stop
      }
    }
    let tifs = [TH_TIF_GTC, TH_TIF_IOC, TH_TIF_FOK, TH_TIF_DAY]
    let types = [TH_ORDER_MARKET, TH_ORDER_LIMIT, TH_ORDER_STOP, TH_ORDER_STOP_LIMIT]
    var intent = OrderIntent(
      struct_size: UInt32(MemoryLayout<OrderIntent>.size), instrument_id: bar.instrument_id,
      side: side.raw, type: th_order_type(types[below(4)]),
      time_in_force: th_time_in_force(tifs[below(4)]),
      flags: unit() < 0.1 ? UInt32(TH_ORDER_FLAG_REDUCE_ONLY) : 0, quantity: quantity,
      limit_price: price, stop_price: stop, client_tag: next(), win_probability: 0,
      payoff_ratio: 0, parent_order_id: 0, oco_order_id: 0)
    if linkShare > 0 {
      if unit() < linkShare { intent.flags |= UInt32(TH_ORDER_FLAG_POST_ONLY) }
      if !resting.isEmpty, unit() < linkShare {
        intent.parent_order_id = resting[below(resting.count)]
      }
      if !resting.isEmpty, unit() < linkShare {
        intent.oco_order_id = resting[below(resting.count)]
      }
    }
    return intent
  }

  public func onOrderEvent(_ event: OrderEvent) throws {
    switch event.type {
    case th_order_event_type(TH_EVENT_DENIED):
      guard event.reason_code != 0, event.reason != nil else {
        throw PluginError.invalidArgument(
          "order \(event.client_order_id) was denied without a reason code or text")
      }
    case th_order_event_type(TH_EVENT_AMEND_REJECTED):
      // The host's refusals carry a code, a venue's only its text: a text there always is.
      guard event.reason != nil else {
        throw PluginError.invalidArgument(
          "an amend of order \(event.client_order_id) was refused without a reason")
      }
    case th_order_event_type(TH_EVENT_ACCEPTED):
      if resting.count < 256 { resting.append(event.client_order_id) }
    case th_order_event_type(TH_EVENT_FILLED), th_order_event_type(TH_EVENT_CANCELLED),
      th_order_event_type(TH_EVENT_EXPIRED), th_order_event_type(TH_EVENT_REJECTED):
      if event.leaves_quantity == 0, let index = resting.firstIndex(of: event.client_order_id) {
        resting.remove(at: index)
      }
    default:
      break
    }
  }
}

@_cdecl("tradehost_plugin_entry")
public func tradehostPluginEntry() -> UnsafeRawPointer {
  PluginExport.strategy(FuzzOrders.self, id: "fuzz-orders", version: "1.0.0")
}
