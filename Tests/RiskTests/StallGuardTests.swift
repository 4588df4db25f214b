import CTradeHostPlugin
import Foundation
import HostTestKit
import PluginHost
import Risk
import Testing
import TradingModel

@testable import Kernel

/// The kill switch while the kernel thread is stuck (`StallGuard`, `RiskStateStore`) and the
/// bound on order events a runaway strategy can make the kernel hand out.
@Suite("stall guard and order-event flood")
struct StallGuardTests {
  /// The fault fixtures (`make fixtures`): `fixture-spin`, `fixture-resubmit`.
  static func faultRegistry() throws -> PluginRegistry {
    let registry = PluginRegistry()
    try registry.loadDirectory(RepositoryPaths.fixtures + "/faults")
    if let error = registry.errors.first {
      throw TestKitError("\(error) -- run `make fixtures` before `swift test`")
    }
    return registry
  }

  static func folder(_ name: String) -> String {
    let path = NSTemporaryDirectory() + "th-stall-\(getpid())-\(name)"
    try? FileManager.default.removeItem(atPath: path)
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  @Test("a strategy resubmitting on every denial is bounded per step and halted by the runaway guard")
  func resubmitFlood() throws {
    // The runaway guard's own bounds are off (unlimited): the flood trips it all the same.
    let fixture = try RiskFixture(
      .unlimited,
      slots: [
        SlotSpec(
          name: "loop", strategy: "fixture-resubmit", parameters: [("qty", "5")],
          capital: Money(raw: 100_000_00, currency: .usd))
      ], maxOrderQuantity: [Quantity(raw: 1, precision: 0)], registry: try Self.faultRegistry())
    let start = RiskFixture.monday
    fixture.feed(at: start, close: 100_00)
    // The second, rising bar makes the strategy buy 5 (more than the maximum of 1): denied, and
    // it resubmits on every denial. Before the bound this call never returned.
    fixture.feed(at: start + minute, close: 101_00)
    let slot = fixture.kernel.slots[0]
    let bound = Kernel.orderEventsPerStep
    #expect(slot.droppedOrderEvents == 1)
    #expect(fixture.kernel.counters.droppedOrderEvents == 1)
    #expect(slot.callbacks <= bound + 3)
    #expect(slot.denials == bound + 1)
    #expect(fixture.wrapper.stateName(slot: 0) == "halted")
    let halt = fixture.audited("state").last
    #expect(halt?.scope == "slot loop")
    #expect(halt?.source == .breaker)
    #expect(halt?.reason.contains("runaway: more than \(bound) order events") == true)
    // The next rising bar: halted, denied, resubmitted: bounded again, the run goes on.
    fixture.feed(at: start + 2 * minute, close: 102_00)
    #expect(slot.callbacks <= 2 * (bound + 3))
    #expect(fixture.kernel.pending.isEmpty)
  }

  @Test("the order-event queue is a fixed ring (capacity 3 rounds up to 4): FIFO across the wrap, full refuses")
  func fixedQueue() {
    var queue = OrderEventQueue(capacity: 3)
    var event = th_order_event()
    for round in 0..<3 {
      for slot in 0..<4 {
        event.client_order_id = UInt64(round * 10 + slot)
        let taken = queue.push(PendingOrderEvent(slot: slot, event: event))
        #expect(taken)
      }
      let overflow = queue.push(PendingOrderEvent(slot: 9, event: event))
      #expect(!overflow)
      for slot in 0..<4 {
        let popped = queue.pop()
        #expect(popped?.slot == slot)
        #expect(popped?.event.client_order_id == UInt64(round * 10 + slot))
      }
      #expect(queue.pop() == nil)
    }
  }

  /// A guard over a fixture's wrapper, with a state file in `folder`.
  static func guarded(_ fixture: RiskFixture, folder: String) -> (StallGuard, RiskStateStore) {
    let store = RiskStateStore(path: folder + "/risk-state.json", restored: nil)
    fixture.wrapper.onStateChange = { try? store.save($0) }
    let stall = StallGuard(
      commands: fixture.wrapper.commands, audit: fixture.wrapper.audit, store: store,
      venues: fixture.kernel.venuesWhileStuck.map { .init(name: $0.name, exposure: $0.exposure) },
      clock: fixture.clock)
    return (stall, store)
  }

  @Test("a kill while the kernel is stuck halts and saves the account from the control side")
  func killWhileStuck() throws {
    let folder = Self.folder("kill")
    let fixture = try RiskFixture(RiskConfiguration())
    let (stall, store) = Self.guarded(fixture, folder: folder)
    fixture.feed(at: RiskFixture.monday, close: 100_00)
    // Not stuck: a kill is only queued.
    #expect(try stall.submit(RiskCommand(action: .pause, slot: "main", source: .operator)).get() == nil)
    stall.kernelOverdue("on_bar", scope: "slot main", elapsedNanos: 6_000_000_000, deadlineNanos: 5_000_000_000)
    #expect(stall.stuckCall == "slot main: on_bar")
    #expect(fixture.audited("overdue").first?.source == .watchdog)
    // Stuck: a control other than an account kill waits, and says so.
    let waits = try stall.submit(RiskCommand(action: .pause, source: .operator)).get()
    #expect(waits?.contains("waits until it returns") == true)
    let note = try stall.submit(RiskCommand(action: .kill, source: .operator, detail: "test")).get()
    #expect(note?.contains("the account is halted and saved in \(store.path)") == true)
    #expect(note?.contains("simulator: its working orders cannot fill") == true)
    let saved = try #require(try RiskStateFile.load(store.path))
    #expect(saved.account.state == "halted")
    #expect(saved.account.source == "operator")
    // The kernel returns before it drains the queue: the strategy's next order is denied.
    #expect(fixture.buy(1).code == DenialReason.accountHalted.code)
    // A kernel save from before the kill was applied keeps the halt on disk.
    try store.save(RiskStateSnapshot(account: .init(LatchedState())))
    #expect(try RiskStateFile.load(store.path)?.account.state == "halted")
    stall.kernelReturned("on_bar", scope: "slot main", elapsedNanos: 7_000_000_000)
    #expect(stall.stuckCall == nil)
    // The queued kill is applied on the kernel thread at the next event, and saved by it.
    fixture.feed(at: RiskFixture.monday + minute, close: 100_00)
    #expect(fixture.wrapper.stateName(slot: nil) == "halted")
    #expect(try RiskStateFile.load(store.path)?.account.source == "operator")
    #expect(fixture.audited("kill").count == 2)
  }

  @Test("a kill queued just before the stall is carried out when the call is reported overdue")
  func killQueuedBeforeStall() throws {
    let folder = Self.folder("queued")
    let fixture = try RiskFixture(RiskConfiguration())
    let (stall, store) = Self.guarded(fixture, folder: folder)
    #expect(try stall.submit(RiskCommand(action: .kill, source: .signal, detail: "SIGUSR1")).get() == nil)
    #expect(try RiskStateFile.load(store.path) == nil)
    #expect(stall.kernelOverdue("on_bar", scope: "slot main", elapsedNanos: 1, deadlineNanos: 1) == nil)
    let saved = try RiskStateFile.load(store.path)
    #expect(saved?.account.state == "halted")
    #expect(saved?.account.source == "signal")
    #expect(fixture.audited("kill").last?.values.first?.value == "SIGUSR1 (queued before the stall)")
  }

  @Test("a forced stop saves the account halted; a state that cannot be saved is an error")
  func forcedStop() throws {
    let folder = Self.folder("forced")
    let fixture = try RiskFixture(RiskConfiguration())
    let (stall, store) = Self.guarded(fixture, folder: folder)
    stall.kernelOverdue("on_bar", scope: "slot main", elapsedNanos: 1, deadlineNanos: 1)
    #expect(stall.forcedStop(detail: "SIGTERM") == nil)
    let saved = try #require(try RiskStateFile.load(store.path))
    #expect(saved.account.state == "halted")
    #expect(saved.account.reason?.contains("positions were not closed") == true)
    #expect(fixture.audited("forced-stop").count == 1)
    // A store whose folder is gone cannot save: the kill says so.
    let lost = RiskStateStore(path: folder + "/missing/risk-state.json", restored: nil)
    let failing = StallGuard(
      commands: RiskCommandQueue(), audit: AuditTrail(), store: lost, venues: [],
      clock: fixture.clock)
    failing.kernelOverdue("on_bar", scope: "slot main", elapsedNanos: 1, deadlineNanos: 1)
    guard case .failure(let error) = failing.submit(RiskCommand(action: .kill, source: .operator))
    else {
      Issue.record("a kill whose state cannot be saved succeeded")
      return
    }
    #expect(error.description.contains("risk-state.json"))
  }
}
