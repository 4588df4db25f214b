import CTradeHostPlugin
import HostTestKit
import PluginHost
import Testing

/// Exported indicator state, imported into a fresh instance, continues exactly where the old
/// instance would have gone (what a hot reload relies on).
@Suite struct IndicatorStateTests {
  let data: ReferenceData
  let registry: PluginRegistry
  let environment = RecordingEnvironment()

  init() throws {
    data = try ReferenceData.spyDaily.get()
    registry = try TestPlugins.registry()
  }

  static let cases: [(id: String, parameters: [(String, String)])] = [
    ("ema", [("period", "20"), ("seed", "first")]),
    ("ema", [("period", "20"), ("seed", "sma")]),
    ("sma", [("period", "20")]),
    ("rsi", [("period", "14")]),
    ("atr", [("period", "14")]),
  ]

  /// Hands over after 7 bars (inside every warm-up), after 20 (just past the SMA-seeded EMA's
  /// warm-up) and after 1000.
  @Test("export then import continues identically", arguments: [7, 20, 1000])
  func roundTrip(handover: Int) throws {
    for (id, parameters) in Self.cases {
      let old = try registry.makeIndicator(id, parameters: parameters, environment: environment)
      for index in 0..<handover { old.update(data.bar(index)) }
      let state = try old.exportState()
      #expect(state.version == 1, "\(id)")
      #expect(!state.bytes.isEmpty, "\(id)")

      let new = try registry.makeIndicator(id, parameters: parameters, environment: environment)
      try new.importState(version: state.version, bytes: state.bytes)
      #expect(new.isReady == old.isReady, "\(id) readiness after import")
      for index in handover..<min(handover + 500, data.rows.count) {
        old.update(data.bar(index))
        new.update(data.bar(index))
        #expect(new.isReady == old.isReady, "\(id) \(parameters) at bar \(index)")
        guard new.value().bitPattern == old.value().bitPattern else {
          Issue.record("\(id) \(parameters) at bar \(index): \(new.value()) vs \(old.value())")
          break
        }
      }
    }
  }

  @Test("a state of another version or period is refused")
  func refusesForeignState() throws {
    for (id, parameters) in Self.cases {
      let source = try registry.makeIndicator(id, parameters: parameters, environment: environment)
      for index in 0..<30 { source.update(data.bar(index)) }
      let state = try source.exportState()
      let target = try registry.makeIndicator(id, parameters: parameters, environment: environment)

      let wrongVersion = #expect(throws: PluginCallError.self, "\(id)") {
        try target.importState(version: state.version + 1, bytes: state.bytes)
      }
      #expect(wrongVersion?.status == th_status(TH_ERR_STATE_VERSION), "\(id)")

      let truncated = #expect(throws: PluginCallError.self, "\(id)") {
        try target.importState(version: state.version, bytes: Array(state.bytes.dropLast()))
      }
      #expect(truncated?.status == th_status(TH_ERR_INVALID_ARGUMENT), "\(id)")

      let otherPeriod = try registry.makeIndicator(
        id, parameters: [("period", "5")], environment: environment)
      #expect(throws: PluginCallError.self, "\(id)") {
        try otherPeriod.importState(version: state.version, bytes: state.bytes)
      }
      // A refused import leaves the target as it was: fresh.
      #expect(!target.isReady, "\(id)")
    }
  }

  @Test("the two ema seedings do not accept each other's state")
  func emaSeedsAreDistinct() throws {
    let first = try registry.makeIndicator(
      "ema", parameters: [("period", "20"), ("seed", "first")], environment: environment)
    let sma = try registry.makeIndicator(
      "ema", parameters: [("period", "20"), ("seed", "sma")], environment: environment)
    for index in 0..<10 { first.update(data.bar(index)) }
    let state = try first.exportState()
    #expect(throws: PluginCallError.self) {
      try sma.importState(version: state.version, bytes: state.bytes)
    }
  }
}
