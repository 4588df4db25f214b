import CTradeHostPlugin
import HostTestKit
import PluginHost
import PluginManifest
import Testing

/// The shipped manifests load, and the `ema-cross` strategy, through the `ema` indicator plugin,
/// makes NautilusTrader's EMACross decisions.
@Suite struct ShippedPluginTests {
  let registry: PluginRegistry

  init() throws {
    registry = try TestPlugins.registry()
  }

  @Test("every shipped plugin loads with its declared kind, language and state version")
  func manifestsLoad() throws {
    #expect(registry.errors.map(\.description) == [])
    let expected:
      [(id: String, kind: PluginKind, language: PluginLanguage, stateVersion: UInt32?)] = [
        ("ema", .indicator, .swift, 1), ("sma", .indicator, .c, 1), ("rsi", .indicator, .swift, 1),
        ("atr", .indicator, .swift, 1), ("logistic-regression", .model, .swift, 1),
        ("ema-cross", .strategy, .swift, 1),
      ]
    for entry in expected {
      let plugin = try #require(registry.plugin(entry.id), "\(entry.id) did not load")
      #expect(plugin.kind == entry.kind, "\(entry.id)")
      #expect(plugin.language == entry.language, "\(entry.id)")
      #expect(plugin.manifest.stateVersion == entry.stateVersion, "\(entry.id)")
      #expect((plugin.toolchain == nil) == (entry.language == .c), "\(entry.id)")
    }
    #expect(registry.plugin("atr")?.manifest.indicatorInput == .bar)
    // The one simulator is the host's matching engine (docs/venues.md): no simulated-exchange
    // plugin ships beside it.
    #expect(!registry.plugins.contains { $0.kind == .exchange })
  }

  @Test("ema-cross on SPY daily submits exactly NautilusTrader's EMACross orders")
  func emaCrossMatchesNautilusLogic() throws {
    let data = try ReferenceData.spyDaily.get()
    let environment = RecordingEnvironment()
    let strategy = try registry.makeStrategy("ema-cross", environment: environment)

    var fast = NautilusEMA(period: 10)
    var slow = NautilusEMA(period: 20)
    var position = 0.0
    var expected: [(bar: Int, side: th_side, quantity: Double)] = []
    var actual: [(bar: Int, side: th_side, quantity: Double)] = []
    for index in data.rows.indices {
      let bar = data.bar(index)
      environment.setMark(bar.close, instrument: bar.instrument_id)
      let before = environment.intents.count
      try strategy.onBar(bar)
      for intent in environment.intents.dropFirst(before) {
        actual.append((index, intent.intent.side, intent.intent.quantity))
      }

      fast.update(bar.close)
      slow.update(bar.close)
      guard fast.initialized && slow.initialized else { continue }
      let buy = fast.value >= slow.value
      let side = th_side(buy ? TH_SIDE_BUY : TH_SIDE_SELL)
      let sign = buy ? 1.0 : -1.0
      if position == 0 {
        expected.append((index, side, 1))
        position += sign
      } else if position * sign < 0 {
        expected.append((index, side, abs(position)))
        expected.append((index, side, 1))
        position = sign
      }
    }
    #expect(expected.count > 100)
    #expect(actual.count == expected.count)
    for (got, want) in zip(actual, expected) {
      guard got.bar == want.bar, got.side == want.side, got.quantity == want.quantity else {
        Issue.record("first difference: got \(got), expected \(want)")
        break
      }
    }
  }
}
