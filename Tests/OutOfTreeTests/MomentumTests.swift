import CTradeHostPlugin
import HostTestKit
import PluginHost
import Testing

/// `momentum` (plain C): the close against the close `lookback` bars earlier.
@Suite("Out-of-tree example: momentum strategy in C", .timeLimit(.minutes(10)))
struct MomentumTests {
  static func closes(_ values: [Double], from second: Int64 = 1) -> [th_bar] {
    values.enumerated().map { index, close in
      Example.bar(second + Int64(index), high: close, low: close, close: close)
    }
  }

  @Test("submits through the host table and reads its position there")
  func trades() async throws {
    let registry = try await Example.registry()
    let environment = RecordingEnvironment()
    let strategy = try registry.makeStrategy(
      "momentum", parameters: [("lookback", "2"), ("trade_size", "1")], environment: environment)
    // 12 > 10: long 1. 11.5 > 11: still long. 10 < 12: sell 1 + 1. 10 < 11.5: still short.
    try Example.feed(Self.closes([10, 11, 12, 11.5, 10, 10]), to: strategy, in: environment)
    #expect(Example.orders(environment) == [Example.buy(1, tag: 1), Example.sell(2, tag: 2)])
    #expect(environment.position(1).quantity == -1)
  }

  @Test("exports its closes with state version 1; refuses other versions with its message")
  func state() async throws {
    let registry = try await Example.registry()
    let oldEnvironment = RecordingEnvironment()
    let old = try registry.makeStrategy(
      "momentum", parameters: [("lookback", "2")], environment: oldEnvironment)
    try Example.feed(Self.closes([10, 11]), to: old, in: oldEnvironment)
    let state = try old.exportState()
    #expect(state.version == 1)
    #expect(state.bytes.count == 3 * 4 + 3 * 8)

    let environment = RecordingEnvironment()
    let new = try registry.makeStrategy(
      "momentum", parameters: [("lookback", "2")], environment: environment)
    try new.importState(version: 1, bytes: state.bytes)
    try Example.feed(Self.closes([12], from: 3), to: new, in: environment)
    #expect(Example.orders(environment) == [Example.buy(1, tag: 1)])

    let error = #expect(throws: PluginCallError.self) {
      try new.importState(version: 2, bytes: state.bytes)
    }
    #expect(error?.status == th_status(TH_ERR_STATE_VERSION))
    #expect(error?.message == "momentum reads state version 1 only")
  }
}
