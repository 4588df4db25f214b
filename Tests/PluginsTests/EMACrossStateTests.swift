import CTradeHostPlugin
import HostTestKit
import PluginHost
import Testing

/// `ema-cross` hands its two EMAs over through its state: a fresh instance that imports an old
/// instance's state trades on exactly as the old one does (what a hot reload relies on), and a
/// state it cannot continue from is refused without changing it.
@Suite struct EMACrossStateTests {
  /// One submitted intent, with the bar it answered.
  struct Decision: Equatable, CustomStringConvertible {
    let bar: Int
    let side: th_side
    let type: th_order_type
    let quantity: Double

    var description: String { "bar \(bar): side \(side) type \(type) quantity \(quantity)" }
  }

  let data: ReferenceData
  let registry: PluginRegistry

  init() throws {
    data = try ReferenceData.spyDaily.get()
    registry = try TestPlugins.registry()
  }

  /// A new `ema-cross` instance with an environment of its own.
  func make(_ parameters: [(String, String)] = []) throws -> (
    StrategyInstance, RecordingEnvironment
  ) {
    let environment = RecordingEnvironment()
    let strategy = try registry.makeStrategy(
      "ema-cross", parameters: parameters, environment: environment)
    return (strategy, environment)
  }

  /// Feeds bars `range` to `strategy`, marking each close in `environment` first (market orders
  /// fill there), and returns the intents submitted meanwhile.
  func run(_ strategy: StrategyInstance, _ environment: RecordingEnvironment, _ range: Range<Int>)
    throws -> [Decision]
  {
    var decisions: [Decision] = []
    for index in range {
      let bar = data.bar(index)
      environment.setMark(bar.close, instrument: bar.instrument_id)
      let before = environment.intents.count
      try strategy.onBar(bar)
      for recorded in environment.intents.dropFirst(before) {
        decisions.append(
          Decision(
            bar: index, side: recorded.intent.side, type: recorded.intent.type,
            quantity: recorded.intent.quantity))
      }
    }
    return decisions
  }

  @Test("the manifest and the library declare state version 1, read by version 1 only")
  func declaresStateVersion() throws {
    let plugin = try #require(registry.plugin("ema-cross"))
    #expect(plugin.manifest.version.description == "1.1.0")
    #expect(plugin.manifest.stateVersion == 1)
    #expect(plugin.manifest.stateReads == [1])
    let strategy = try registry.makeStrategy("ema-cross", environment: RecordingEnvironment())
    #expect(strategy.stateVersion == 1)
  }

  /// Hands over inside both warm-ups (7), between the fast and the slow one (15), and twice in
  /// the market (1000, 4000).
  @Test(
    "an imported instance submits the same intents as the instance it replaces",
    arguments: [7, 15, 1000, 4000])
  func importedInstanceTradesOn(handover: Int) throws {
    // A runs alone; its twin runs the same bars in the environment B will use, so that
    // environment holds the same position, as a slot keeps its position across a reload.
    let environmentA = RecordingEnvironment()
    let environmentB = RecordingEnvironment()
    let a = try registry.makeStrategy("ema-cross", environment: environmentA)
    let twin = try registry.makeStrategy("ema-cross", environment: environmentB)
    _ = try run(a, environmentA, 0..<handover)
    _ = try run(twin, environmentB, 0..<handover)
    #expect(environmentA.position(1).quantity == environmentB.position(1).quantity)

    let state = try a.exportState()
    #expect(state.version == 1)
    let b = try registry.makeStrategy("ema-cross", environment: environmentB)
    try b.importState(version: state.version, bytes: state.bytes)
    #expect(try b.exportState().bytes == state.bytes)

    let rest = handover..<data.rows.count
    let fromA = try run(a, environmentA, rest)
    let fromB = try run(b, environmentB, rest)
    #expect(fromA.count > 50, "too few trades after the handover to compare")
    #expect(fromB.count == fromA.count)
    if let first = zip(fromA, fromB).first(where: { $0 != $1 }) {
      Issue.record("first difference after handover \(handover): A \(first.0), B \(first.1)")
    }
    #expect(try b.exportState().bytes == a.exportState().bytes)

    // Without the state, a fresh instance in the same position decides differently: the
    // comparison above is sensitive to the handover.
    let environmentC = RecordingEnvironment()
    let seed = try registry.makeStrategy("ema-cross", environment: environmentC)
    _ = try run(seed, environmentC, 0..<handover)
    let fresh = try registry.makeStrategy("ema-cross", environment: environmentC)
    let fromFresh = try run(fresh, environmentC, rest)
    if handover >= 20 { #expect(fromFresh != fromA) }
  }

  @Test("a state of other periods, another version or a truncated one is refused")
  func refusesForeignState() throws {
    let (other, otherEnvironment) = try make([("fast_period", "5"), ("slow_period", "30")])
    _ = try run(other, otherEnvironment, 0..<40)
    let foreign = try other.exportState()

    let environment = RecordingEnvironment()
    let target = try registry.makeStrategy("ema-cross", environment: environment)
    let periods = #expect(throws: PluginCallError.self) {
      try target.importState(version: foreign.version, bytes: foreign.bytes)
    }
    #expect(periods?.status == th_status(TH_ERR_INVALID_ARGUMENT))
    #expect(
      periods?.message
        == "the state is for fast_period 5 and slow_period 30, this instance has fast_period 10 "
        + "and slow_period 20")

    let (source, sourceEnvironment) = try make()
    _ = try run(source, sourceEnvironment, 0..<40)
    let state = try source.exportState()
    let version = #expect(throws: PluginCallError.self) {
      try target.importState(version: 2, bytes: state.bytes)
    }
    #expect(version?.status == th_status(TH_ERR_STATE_VERSION))
    #expect(version?.message == "ema-cross reads state version 1, got 2")

    let truncated = #expect(throws: PluginCallError.self) {
      try target.importState(version: state.version, bytes: Array(state.bytes.dropLast()))
    }
    #expect(truncated?.status == th_status(TH_ERR_INVALID_ARGUMENT))

    // Refused imports left the target fresh: its state is a fresh instance's, and it decides
    // as a fresh instance does.
    let (reference, referenceEnvironment) = try make()
    #expect(try target.exportState().bytes == reference.exportState().bytes)
    let expected = try run(reference, referenceEnvironment, 0..<60)
    #expect(try run(target, environment, 0..<60) == expected)
  }

  @Test("when the slow EMA refuses its part, the fast EMA is put back")
  func slowRefusalRollsBackTheFastEMA() throws {
    let (source, sourceEnvironment) = try make()
    _ = try run(source, sourceEnvironment, 0..<40)
    var bytes = try source.exportState().bytes
    // The documented layout: two Int64 periods, then per EMA its version (8 bytes) and its
    // length-prefixed state, whose first field is the EMA's period.
    let fastLength = Int(bytes[24])
    let slowPeriodOffset = 16 + 8 + 8 + fastLength + 8 + 8
    #expect(bytes[slowPeriodOffset] == 20)
    bytes[slowPeriodOffset] = 21

    let environment = RecordingEnvironment()
    let target = try registry.makeStrategy("ema-cross", environment: environment)
    let refused = #expect(throws: PluginCallError.self) {
      try target.importState(version: 1, bytes: bytes)
    }
    #expect(refused?.status == th_status(TH_ERR_INVALID_ARGUMENT))
    #expect(refused?.message.contains("period 21") == true)

    let (reference, referenceEnvironment) = try make()
    #expect(try target.exportState().bytes == reference.exportState().bytes)
    let expected = try run(reference, referenceEnvironment, 0..<60)
    #expect(!expected.isEmpty)
    #expect(try run(target, environment, 0..<60) == expected)
  }
}
