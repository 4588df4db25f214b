import PluginKit

/// EMA fast/slow stop-and-reverse, entered with a passive limit order that follows the market:
/// the same signal as `ema-cross` (long while the fast EMA is at or above the slow one, short
/// otherwise), but instead of market orders it works one limit order `offset_ticks` behind the
/// close (a buy below, a sell above) and, on every bar, amends that order to the new close
/// (ABI 1.5 `amend_order`) rather than cancelling and sending another. An amend keeps the
/// order's id and, when only its size shrinks, its place in the queue.
///
/// The order's size is what moves the position to the target (`trade_size` long or short); a
/// signal that flips while the order works cancels it, and the next bar sends the other side.
/// A host older than ABI 1.5 gets a cancel and a new order instead of each amend.
///
/// Keeps no state across a hot reload (its EMAs warm again from the host's recent events);
/// the id of the working order is the host's to cancel on a swap.
public final class EMAPeg: StrategyPlugin {
  private let host: HostContext
  private let fast: IndicatorHandle
  private let slow: IndicatorHandle
  private let tradeSize: Double
  private let offsetTicks: Double
  /// `1 / tick` (ticks per unit of a decimal tick: 0.01 gives 100).
  private let ticksPerUnit: Double
  private let postOnly: Bool
  /// The working order, if any: its id, side, total size, filled size and limit.
  private var working:
    (id: UInt64, side: OrderSide, quantity: Double, filled: Double, limit: Double)?
  /// A cancel was asked for the working order and is not answered yet.
  private var cancelling = false
  /// The size and limit of an amend asked for and not answered yet (one at a time).
  private var asked: (quantity: Double, limit: Double)?

  public init(host: HostContext, parameters: PluginParameters) throws {
    let fastPeriod = try parameters.int("fast_period")
    let slowPeriod = try parameters.int("slow_period")
    guard fastPeriod < slowPeriod else {
      throw PluginError.invalidArgument(
        "fast_period (\(fastPeriod)) must be below slow_period (\(slowPeriod))")
    }
    self.host = host
    tradeSize = try parameters.double("trade_size")
    offsetTicks = Double(try parameters.int("offset_ticks"))
    ticksPerUnit = (1 / (try parameters.double("tick"))).rounded()
    postOnly = try parameters.bool("post_only")
    fast = try host.makeIndicator("ema", parameters: [("period", String(fastPeriod))])
    slow = try host.makeIndicator("ema", parameters: [("period", String(slowPeriod))])
  }

  public func onBar(_ bar: Bar) throws {
    fast.update(bar)
    slow.update(bar)
    guard fast.isReady && slow.isReady else { return }
    let target = fast.value() >= slow.value() ? tradeSize : -tradeSize
    let position = host.position(bar.instrument_id).quantity
    let needed = target - position
    let side: OrderSide = needed > 0 ? .buy : .sell
    // Whole ticks, then divided by the ticks per unit: an exact decimal (see writing-plugins.md).
    let ticks = (bar.close * ticksPerUnit).rounded()
    let limit = (side == .buy ? ticks - offsetTicks : ticks + offsetTicks) / ticksPerUnit
    if let order = working {
      guard !cancelling, asked == nil else { return }
      if needed == 0 || order.side != side {
        cancelling = true
        try host.cancel(order.id)
        return
      }
      let quantity = order.filled + abs(needed)
      guard quantity != order.quantity || limit != order.limit else { return }
      if host.canAmend {
        asked = (quantity, limit)
        try host.amend(order.id, quantity: quantity, limitPrice: limit)
      } else {
        cancelling = true
        try host.cancel(order.id)
      }
      return
    }
    guard needed != 0, limit > 0 else { return }
    var intent = OrderIntent.limit(
      instrumentID: bar.instrument_id, side: side, quantity: abs(needed), price: limit)
    if postOnly { intent.flags |= UInt32(TH_ORDER_FLAG_POST_ONLY) }
    let id = try host.submit(intent)
    if id != 0 { working = (id, side, abs(needed), 0, limit) }
  }

  public func onOrderEvent(_ event: OrderEvent) throws {
    guard let order = working, event.client_order_id == order.id else { return }
    switch event.type {
    case th_order_event_type(TH_EVENT_FILLED):
      working?.filled += event.fill_quantity
      if event.leaves_quantity == 0 { finish() }
    case th_order_event_type(TH_EVENT_AMENDED):
      // The size may be less than asked: the risk gate may shrink an amend.
      working?.quantity = order.filled + event.leaves_quantity
      if let asked { working?.limit = asked.limit }
      asked = nil
    case th_order_event_type(TH_EVENT_AMEND_REJECTED):
      asked = nil  // the order works unchanged; the next bar tries again
    case th_order_event_type(TH_EVENT_CANCELLED), th_order_event_type(TH_EVENT_REJECTED),
      th_order_event_type(TH_EVENT_EXPIRED), th_order_event_type(TH_EVENT_DENIED):
      finish()
    default:
      break
    }
  }

  private func finish() {
    working = nil
    cancelling = false
    asked = nil
  }
}

@_cdecl("tradehost_plugin_entry")
public func tradehostPluginEntry() -> UnsafeRawPointer {
  PluginExport.strategy(EMAPeg.self, id: "ema-peg", version: "1.0.0")
}
