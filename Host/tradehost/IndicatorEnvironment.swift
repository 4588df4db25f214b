import CTradeHostPlugin
import PluginHost

/// The environment of `tradehost indicators run`: an indicator alone, with no market, account or
/// venue. The clock reads 0, no instrument is known, orders and venue events are refused as
/// unsupported (an indicator has no business sending them), and plugin log lines go to the host's
/// log with the plugin's name.
final class IndicatorEnvironment: PluginEnvironment {
  func now() -> Int64 { 0 }
  func instrument(_ symbol: String) -> th_instrument_info? { nil }

  func log(from context: InstanceContext, level: Int32, message: String) {
    // TH_LOG_WARNING (3) and up are problems; the rest is what the plugin is doing.
    printError("\(context.pluginID): \(message)", level: level >= 3 ? .error : .notice)
  }

  func submit(_ intent: th_order_intent, from context: InstanceContext, orderID: inout UInt64)
    -> th_status
  {
    th_status(TH_ERR_UNSUPPORTED)
  }

  func cancel(_ clientOrderID: UInt64, from context: InstanceContext) -> th_status {
    th_status(TH_ERR_UNSUPPORTED)
  }

  func position(_ instrumentID: UInt32, for context: InstanceContext) -> th_position {
    var position = th_position()
    position.struct_size = UInt32(MemoryLayout<th_position>.size)
    position.instrument_id = instrumentID
    return position
  }

  func venueEvent(_ event: th_venue_event, from context: InstanceContext) -> th_status {
    th_status(TH_ERR_UNSUPPORTED)
  }
}
