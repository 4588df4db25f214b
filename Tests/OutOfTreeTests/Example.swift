import CTradeHostPlugin
import Foundation
import HostTestKit
import PluginHost

/// Helpers shared by the out-of-tree tests.
enum Example {
  /// A registry of the example's three manifests, after the example was built. (Every load
  /// gets its own sealed memory file, so tests running in parallel never share an image.)
  static func registry() async throws -> PluginRegistry {
    try await ExampleBuild.require()
    let registry = PluginRegistry(loader: PluginLoader())
    try registry.loadDirectory(ExampleBuild.manifests)
    guard registry.errors.isEmpty else {
      throw TestKitError(registry.errors.map(\.description).joined(separator: "\n"))
    }
    return registry
  }

  /// A bar of instrument 1 at `second` seconds.
  static func bar(_ second: Int64, high: Double, low: Double, close: Double) -> th_bar {
    th_bar(
      struct_size: UInt32(MemoryLayout<th_bar>.size), instrument_id: 1,
      ts_event: second * 1_000_000_000, open: close, high: high, low: low, close: close,
      volume: 100, aggregation: 0, reserved: 0, step: 0)
  }

  /// Feeds `bars` to `strategy`, moving the environment's mark (the market-order fill price) to
  /// each bar's close first.
  static func feed(
    _ bars: [th_bar], to strategy: StrategyInstance, in environment: RecordingEnvironment
  )
    throws
  {
    for bar in bars {
      environment.setMark(bar.close, instrument: bar.instrument_id)
      try strategy.onBar(bar)
    }
  }

  /// The fields of an intent the tests compare.
  struct Order: Equatable, CustomStringConvertible {
    let side: th_side
    let quantity: Double
    let tag: UInt64
    var type = th_order_type(TH_ORDER_MARKET)
    var instrument: UInt32 = 1

    var description: String {
      let market = Int(type) == Int(TH_ORDER_MARKET) ? "market" : "type \(type)"
      let direction = Int(side) == Int(TH_SIDE_BUY) ? "buy" : "sell"
      return "\(market) \(direction) \(quantity) of \(instrument), tag \(tag)"
    }
  }

  /// What a strategy submitted, in order.
  static func orders(_ environment: RecordingEnvironment) -> [Order] {
    environment.intents.map { recorded in
      let intent = recorded.intent
      return Order(
        side: intent.side, quantity: intent.quantity, tag: intent.client_tag, type: intent.type,
        instrument: intent.instrument_id)
    }
  }

  /// A market buy of instrument 1.
  static func buy(_ quantity: Double, tag: UInt64) -> Order {
    Order(side: th_side(TH_SIDE_BUY), quantity: quantity, tag: tag)
  }

  /// A market sell of instrument 1.
  static func sell(_ quantity: Double, tag: UInt64) -> Order {
    Order(side: th_side(TH_SIDE_SELL), quantity: quantity, tag: tag)
  }
}
