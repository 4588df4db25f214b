import Backtest
import Deployment
import HostTestKit
import Kernel
import Risk
import SlotAnalytics
import Testing
import TradingModel

/// Each path of a hot reload, with the `reload-probe` C strategy: success with a state
/// handover, failed checks, a failed warm-up, an incompatible state, and an error after the swap
/// that rolls back by itself.
@Suite("Hot reload paths")
struct HotReloadPathTests {
  @Test("Reloads hand the state over: every bar reached the probe exactly once, in order")
  func exactlyOnce() throws {
    let bench = try ProbeWorkbench()
    try bench.install(version: "1.0.0", stateVersion: 1)
    try bench.start()
    for round in 0..<20 {
      bench.advance(97 + round)
      try bench.install(version: "1.0.\(round + 1)", stateVersion: 1)
      bench.submit(.reload(plugin: ProbePlugin.id, slot: nil))
    }
    bench.advance()
    #expect(bench.kernel.slots[0].swaps == 20)
    #expect(bench.kernel.slots[0].strategyVersion == "1.0.20")
    let state = try bench.state()
    #expect(state.count == UInt64(bench.prepared.events.count))
    #expect(state.chain == bench.expectedChain(events: bench.prepared.events.count))
    #expect(bench.records("reload").count == 20)
    #expect(bench.deployer.pauses.count == 20)
  }

  @Test("A version that migrates the old state version gets the state, migrated")
  func migration() throws {
    let bench = try ProbeWorkbench()
    try bench.install(version: "1.0.0", stateVersion: 1)
    try bench.start()
    bench.advance(300)
    try bench.install(version: "2.0.0", stateVersion: 2, readsV1: true)
    bench.submit(.reload(plugin: ProbePlugin.id, slot: nil))
    bench.advance(10)
    let exported = try bench.kernel.exportState(slot: 0)
    #expect(exported.version == 2)
    #expect(ProbePlugin.decodeMigrations(exported.bytes) == 1)
    #expect(try bench.state().count == 310)
    #expect(try bench.state().chain == bench.expectedChain(events: 310))
  }

  @Test("An incompatible state version: the new version is warmed from the recent events")
  func incompatibleState() throws {
    let bench = try ProbeWorkbench()
    try bench.install(version: "1.0.0", stateVersion: 1)
    try bench.start(slots: [
      .init(name: "probe", strategy: ProbePlugin.id, parameters: [("trade_every", "2")])
    ])
    bench.advance(1000)
    let orders = bench.kernel.counters.orders
    try bench.install(version: "2.0.0", stateVersion: 2)
    bench.submit(.reload(plugin: ProbePlugin.id, slot: nil))
    bench.advance(1)
    let history = bench.kernel.history.capacity
    let reload = try #require(bench.records("reload").last)
    #expect(reload.to == "2.0.0")
    #expect(reload.values.contains(AuditRecord.Value("handover", "history")))
    #expect(reload.values.contains(AuditRecord.Value("warmup_events", String(history))))
    #expect(reload.reason.contains("does not read state version 1"))
    // The warmed instance saw the kept history, then the live bar. Its intents while warming
    // (one every 2 bars) were dropped: only the live bar's one reached the venue.
    #expect(try bench.state().count == UInt64(history + 1))
    #expect(bench.kernel.counters.warmupIntents == history / 2)
    #expect(bench.kernel.counters.orders - orders <= 1)
  }

  @Test(
    "A new version whose resolved parameters differ (a changed default, same overrides) is warmed from history, not handed the old state"
  )
  func changedDefaultWarmsFromHistory() throws {
    let bench = try ProbeWorkbench()
    try bench.install(version: "1.0.0", stateVersion: 1)
    try bench.start()
    bench.advance(100)
    try bench.install(version: "1.0.1", stateVersion: 1, defaults: ["trade_every": "3"])
    bench.submit(.reload(plugin: ProbePlugin.id, slot: nil))
    bench.advance(1)
    let reload = try #require(bench.records("reload").last)
    #expect(reload.to == "1.0.1")
    #expect(reload.values.contains(AuditRecord.Value("handover", "history")), "\(reload)")
    #expect(reload.reason.contains("resolved parameters differ"), "\(reload.reason)")
    #expect(reload.reason.contains("trade_every 0 -> 3"), "\(reload.reason)")
    // Unchanged defaults still hand the state over.
    try bench.install(version: "1.0.2", stateVersion: 1, defaults: ["trade_every": "3"])
    bench.submit(.reload(plugin: ProbePlugin.id, slot: nil))
    bench.advance(1)
    let next = try #require(bench.records("reload").last)
    #expect(next.to == "1.0.2")
    #expect(next.values.contains(AuditRecord.Value("handover", "state")), "\(next)")
  }

  @Test(
    "A version whose statistics cannot start (the slot's equity is not positive) does not inherit the old version's: the audit says so and its rules wait"
  )
  func statisticsThatCannotStart() throws {
    let bench = try ProbeWorkbench()
    try bench.install(version: "1.0.0", stateVersion: 1)
    // One dollar of capital trading one SPY share at a time (a margin account allowed the
    // leverage): the slot's equity soon falls below zero.
    try bench.start(slots: [
      .init(name: "probe", strategy: ProbePlugin.id, parameters: [("trade_every", "2")])
    ]) {
      $0.cash = "1"
      $0.account = .margin(maxLeverage: .maximum)
    }
    var events = 0
    while bench.kernel.slotEquity(0).raw > 0 || bench.deployer.report()[0].scorecard.trades == 0,
      events < 5_000
    {
      bench.advance(1)
      events += 1
    }
    try #require(bench.kernel.slotEquity(0).raw <= 0)
    #expect(bench.deployer.report()[0].scorecard.trades > 0)
    try bench.install(version: "1.0.1", stateVersion: 1)
    bench.submit(.reload(plugin: ProbePlugin.id, slot: nil))
    bench.advance(1)
    let reload = try #require(bench.records("reload").last)
    #expect(reload.to == "1.0.1")
    #expect(reload.reason.contains("no statistics for this version"), "\(reload.reason)")
    bench.advance(10)
    let report = bench.deployer.report()[0]
    #expect(report.scorecard.trades == 0)
    #expect(report.promotion?.contains("no statistics for this version") == true)
  }

  @Test("A failed check (checksum, ABI, parameters) leaves the old version running and says why")
  func failedChecks() throws {
    let bench = try ProbeWorkbench()
    let manifest = try bench.install(version: "1.0.0", stateVersion: 1)
    try bench.start(slots: [
      .init(name: "probe", strategy: ProbePlugin.id, parameters: [("trade_every", "3")])
    ])
    bench.advance(50)
    let original = try String(contentsOfFile: manifest, encoding: .utf8)
    let cases: [(edit: (String) -> String, step: String)] = [
      (
        {
          $0.replacingOccurrences(
            of: #"sha256: [0-9a-f]{64}"#, with: "sha256: " + String(repeating: "0", count: 64),
            options: .regularExpression)
        },
        "load (manifest, ABI, checksum)"
      ),
      (
        { $0.replacingOccurrences(of: "abi: \"1.", with: "abi: \"2.") },
        "load (manifest, ABI, checksum)"
      ),
      (
        { $0.replacingOccurrences(of: "  trade_every:", with: "  trade_often:") },
        "check parameters"
      ),
    ]
    for (index, check) in cases.enumerated() {
      try check.edit(original).write(toFile: manifest, atomically: true, encoding: .utf8)
      bench.submit(.reload(plugin: ProbePlugin.id, slot: nil))
      bench.advance(10)
      let record = try #require(bench.records("reload").last)
      #expect(bench.records("reload").count == index + 1)
      #expect(record.to == nil)
      #expect(record.reason.contains("the running version stays"))
      #expect(record.reason.contains(check.step), "\(record.reason)")
    }
    #expect(bench.kernel.slots[0].swaps == 0)
    #expect(bench.kernel.slots[0].strategyVersion == "1.0.0")
    #expect(try bench.state().count == 80)
  }

  @Test("A warm-up that fails leaves the old version running")
  func failedWarmUp() throws {
    let bench = try ProbeWorkbench()
    try bench.install(version: "1.0.0", stateVersion: 1)
    try bench.start()
    bench.advance(600)
    try bench.install(version: "2.0.0", stateVersion: 2, defaults: ["fail_first": "5"])
    bench.submit(.reload(plugin: ProbePlugin.id, slot: nil))
    bench.advance(1)
    let record = try #require(bench.records("reload").last)
    #expect(record.to == nil)
    #expect(record.reason.contains("warming the new version failed at past event 1"))
    #expect(bench.kernel.slots[0].strategyVersion == "1.0.0")
    #expect(try bench.state().count == 601)
    #expect(try bench.state().chain == bench.expectedChain(events: 601))
  }

  @Test("An error after the swap rolls back to the kept version, with the state handed back")
  func errorAfterSwapRollsBack() throws {
    let bench = try ProbeWorkbench()
    try bench.install(version: "1.0.0", stateVersion: 1)
    try bench.start { plan in
      plan.slots[0].rules.rollback = RollbackRuleFixture.anyError
    }
    bench.advance(400)
    try bench.install(version: "1.1.0", stateVersion: 1, failsAfter: 3)
    bench.submit(.reload(plugin: ProbePlugin.id, slot: nil))
    bench.advance(3)
    #expect(bench.kernel.slots[0].strategyVersion == "1.1.0")
    bench.advance(1)
    // The fourth bar failed in 1.1.0; the rule rolled back right after that event.
    #expect(bench.kernel.slots[0].strategyVersion == "1.0.0")
    let rollback = try #require(bench.records("rollback").last)
    #expect(rollback.source == .rule)
    #expect(rollback.from == "1.1.0")
    #expect(rollback.to == "1.0.0")
    #expect(rollback.values.contains(AuditRecord.Value("errors", "1")))
    bench.advance(10)
    // 1.1.0's count came back with its state: every bar but the failed one.
    #expect(try bench.state().count == 413)
    #expect(bench.kernel.slots[0].pluginErrors == 1)
  }

  @Test("A version that trips the plugin-error breaker is rolled back by the breaker trigger")
  func breakerTripRollsBack() throws {
    let bench = try ProbeWorkbench()
    try bench.install(version: "1.0.0", stateVersion: 1)
    let wrapper = try RiskWrapper(configuration: .unlimited)
    try bench.start(gate: wrapper, data: DeploymentFixture.spySeconds) { plan in
      // Errors alone and the slot's state do not roll back here: only the breaker does.
      plan.slots[0].rules.rollback = RollbackRule(maxErrors: 1_000_000, onLimitBreach: false)
    }
    bench.advance(100)
    try bench.install(version: "1.1.0", stateVersion: 1, failsAfter: 0)
    bench.submit(.reload(plugin: ProbePlugin.id, slot: nil))
    bench.advance(19)
    #expect(bench.kernel.slots[0].strategyVersion == "1.1.0")
    // The first bars of the day are sparse (pre-market): the breaker needs 20 events in a minute.
    var chunks = 0
    while bench.records("rollback").isEmpty && chunks < 100 {
      bench.advance(100)
      chunks += 1
    }
    #expect(wrapper.audit.records.contains { $0.action == "breaker" && $0.to == "open" })
    let rollback = try #require(bench.records("rollback").last)
    #expect(rollback.reason.contains("breaker"), "\(rollback.reason)")
    #expect(rollback.to == "1.0.0")
    #expect(bench.kernel.slots[0].strategyVersion == "1.0.0")
  }

  @Test("Rollback by hand returns to the kept version; a second one is refused")
  func manualRollback() throws {
    let bench = try ProbeWorkbench()
    try bench.install(version: "1.0.0", stateVersion: 1)
    try bench.start()
    bench.advance(100)
    try bench.install(version: "1.2.0", stateVersion: 1)
    bench.submit(.reload(plugin: ProbePlugin.id, slot: nil))
    bench.advance(10)
    bench.submit(.rollback(slot: "probe"))
    bench.advance(10)
    #expect(bench.kernel.slots[0].strategyVersion == "1.0.0")
    #expect(try bench.state().count == 120)
    bench.submit(.rollback(slot: "probe"))
    bench.advance(1)
    let refused = try #require(bench.records("rollback").last)
    #expect(refused.reason.contains("refused: no previous version is kept"))
    #expect(bench.kernel.slots[0].strategyVersion == "1.0.0")
  }
}
