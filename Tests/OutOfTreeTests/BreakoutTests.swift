import CTradeHostPlugin
import HostTestKit
import PluginHost
import Testing

/// `breakout` (Swift, PluginKit): Donchian channel of the previous `channel_period` bars.
@Suite("Out-of-tree example: breakout strategy", .timeLimit(.minutes(10)))
struct BreakoutTests {
  /// Three bars to warm a 3-bar channel up: highest high 102, lowest low 98.
  static let warmUp = [
    Example.bar(1, high: 101, low: 99, close: 100),
    Example.bar(2, high: 102, low: 98, close: 100),
    Example.bar(3, high: 101, low: 99, close: 100),
  ]

  @Test("goes long above the channel, reverses below it, and never repeats a position")
  func trades() async throws {
    let registry = try await Example.registry()
    let environment = RecordingEnvironment()
    let strategy = try registry.makeStrategy(
      "breakout", parameters: [("channel_period", "3"), ("trade_size", "2")],
      environment: environment)
    try Example.feed(Self.warmUp, to: strategy, in: environment)
    #expect(environment.intents.isEmpty)

    try Example.feed(
      [
        Example.bar(4, high: 104, low: 101, close: 103),  // above 102: buy 2
        Example.bar(5, high: 104, low: 100, close: 101),  // inside 98...104
        Example.bar(6, high: 103, low: 99, close: 103.5),  // inside 99...104
        Example.bar(7, high: 100, low: 96, close: 97),  // below 99: sell 2 + 2
        Example.bar(8, high: 98, low: 95, close: 95.5),  // below 96, already short: nothing
      ], to: strategy, in: environment)
    #expect(Example.orders(environment) == [Example.buy(2, tag: 1), Example.sell(4, tag: 2)])
    #expect(environment.position(1).quantity == -2)
  }

  @Test("exported state warms a new instance up; other versions and periods are refused")
  func state() async throws {
    let registry = try await Example.registry()
    let oldEnvironment = RecordingEnvironment()
    let old = try registry.makeStrategy(
      "breakout", parameters: [("channel_period", "3")], environment: oldEnvironment)
    try Example.feed(Self.warmUp, to: old, in: oldEnvironment)
    let state = try old.exportState()
    #expect(state.version == 1)

    let environment = RecordingEnvironment()
    let new = try registry.makeStrategy(
      "breakout", parameters: [("channel_period", "3")], environment: environment)
    try new.importState(version: state.version, bytes: state.bytes)
    try Example.feed([Example.bar(4, high: 104, low: 101, close: 103)], to: new, in: environment)
    #expect(Example.orders(environment) == [Example.buy(1, tag: 1)])

    let versionError = #expect(throws: PluginCallError.self) {
      try new.importState(version: 2, bytes: state.bytes)
    }
    #expect(versionError?.status == th_status(TH_ERR_STATE_VERSION))
    #expect(
      versionError?.description
        == "breakout: import_state failed (TH_ERR_STATE_VERSION): "
        + "breakout reads state version 1, not 2"
    )

    let other = try registry.makeStrategy(
      "breakout", parameters: [("channel_period", "4")], environment: RecordingEnvironment())
    let periodError = #expect(throws: PluginCallError.self) {
      try other.importState(version: 1, bytes: state.bytes)
    }
    #expect(periodError?.status == th_status(TH_ERR_INVALID_ARGUMENT))
    #expect(periodError?.message.contains("channel_period 3") == true)
  }

  @Test("parameters outside the manifest's bounds are refused before create")
  func parameters() async throws {
    let registry = try await Example.registry()
    let error = #expect(throws: PluginCallError.self) {
      _ = try registry.makeStrategy(
        "breakout", parameters: [("channel_period", "1")], environment: RecordingEnvironment())
    }
    #expect(
      error?.description == "breakout: parameters: parameter channel_period = 1 is below min 2")
  }
}
