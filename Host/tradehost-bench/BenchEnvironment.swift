import CTradeHostPlugin
import PluginHost

/// The cheapest environment that still does the work a strategy needs: market orders fill at
/// once at the last close, the position is one double per instrument id (ids < 64), and intents
/// are only counted. No locks, no allocation per call: what the benchmark measures is the plugin
/// path, not the environment.
final class BenchEnvironment: PluginEnvironment {
  var intents = 0
  var positions = [Double](repeating: 0, count: 64)
  var lastClose = 0.0

  func now() -> Int64 { 0 }
  func instrument(_ symbol: String) -> th_instrument_info? { nil }
  func log(from context: InstanceContext, level: Int32, message: String) {}

  func submit(_ intent: th_order_intent, from context: InstanceContext, orderID: inout UInt64)
    -> th_status
  {
    intents += 1
    let index = Int(intent.instrument_id & 63)
    positions[index] += Int(intent.side) == Int(TH_SIDE_BUY) ? intent.quantity : -intent.quantity
    orderID = UInt64(intents)
    return th_status(TH_OK)
  }

  func cancel(_ clientOrderID: UInt64, from context: InstanceContext) -> th_status {
    th_status(TH_OK)
  }

  func position(_ instrumentID: UInt32, for context: InstanceContext) -> th_position {
    var position = th_position()
    position.struct_size = UInt32(MemoryLayout<th_position>.size)
    position.instrument_id = instrumentID
    position.quantity = positions[Int(instrumentID & 63)]
    return position
  }

  func venueEvent(_ event: th_venue_event, from context: InstanceContext) -> th_status {
    th_status(TH_OK)
  }
}
