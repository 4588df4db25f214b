import CTradeHostPlugin
import Risk
import Testing
import TradingModel

@testable import Kernel

/// Manual controls: pause, resume, reduce and kill, applied directly or queued from any thread
/// (they take effect at the next event or timer tick), each audited with its source.
@Suite("Manual controls and the kill switch")
struct ManualControlTests {
  typealias F = RiskFixture
  static let t0 = RiskFixture.monday

  /// Two slots on SPY and QQQ: slot a long 5 SPY and short 3 QQQ with a resting limit, slot b
  /// long 2 SPY with a resting limit.
  func book(_ risk: RiskConfiguration = .unlimited) throws -> RiskFixture {
    let fixture = try F(risk, instruments: [F.spy, F.qqq], slots: [F.slot("a"), F.slot("b")])
    fixture.feed(0, at: Self.t0, close: 10_000)
    fixture.feed(1, at: Self.t0, close: 5_000)
    expectFilled(fixture.buy(5, slot: 0, instrument: 0), 5)
    expectFilled(fixture.sell(3, slot: 0, instrument: 1), 3)
    #expect(fixture.limit(TH_SIDE_BUY, 1, at: 90.00, slot: 0).accepted)
    expectFilled(fixture.buy(2, slot: 1, instrument: 0), 2)
    #expect(fixture.limit(TH_SIDE_BUY, 1, at: 45.00, slot: 1, instrument: 1).accepted)
    return fixture
  }

  @Test("pause keeps resting orders and positions; resume lets orders through again")
  func pauseResume() throws {
    let fixture = try book()
    fixture.wrapper.apply(RiskCommand(action: .pause, source: .operator, detail: "uid 1000"))
    expectDenied(fixture.buy(1, slot: 1), .accountPaused)
    #expect(fixture.kernel.simulator?.restingCount == 2)
    #expect(fixture.wrapper.stateName(slot: nil) == "paused")
    fixture.wrapper.apply(RiskCommand(action: .resume, source: .operator, detail: "uid 1000"))
    #expect(fixture.wrapper.stateName(slot: nil) == "active")
    expectFilled(fixture.buy(1, slot: 1), 1)
    let states = fixture.audited("state")
    #expect(states.map(\.to) == ["paused", "active"])
    #expect(states.map(\.from) == ["active", "paused"])
    #expect(states.allSatisfy { $0.values == [AuditRecord.Value("requested_by", "uid 1000")] })
  }

  @Test(
    "reduce on a slot: entries denied, a reduction passes, one through the position is cut to it")
  func reduceSlot() throws {
    let fixture = try book()
    fixture.wrapper.apply(RiskCommand(action: .reduce, slot: "a", source: .operator))
    expectDenied(fixture.buy(1, slot: 0, instrument: 0), .slotReducing)
    expectFilled(fixture.buy(10, slot: 0, instrument: 1), 3)
    expectFilled(fixture.sell(10, slot: 0, instrument: 0), 5)
    expectDenied(fixture.sell(1, slot: 0, instrument: 0), .slotReducing)
    expectFilled(fixture.buy(1, slot: 1), 1)
    #expect(fixture.wrapper.stateName(slot: 0) == "reducing")
    #expect(fixture.wrapper.stateName(slot: 1) == "active")
  }

  @Test(
    "kill (flatten): every resting order cancelled, every position closed at the next event, the account halted"
  )
  func killFlatten() throws {
    let fixture = try book()
    fixture.wrapper.commands.push(RiskCommand(action: .kill, source: .operator, detail: "uid 1000"))
    // Nothing happens before the kernel looks.
    #expect(fixture.position(slot: 0) == 5)
    fixture.feed(0, at: Self.t0 + second, close: 10_100)
    #expect(fixture.kernel.simulator?.restingCount == 0)
    for slot in 0..<2 {
      for instrument in InstrumentID(0)..<2 {
        #expect(fixture.position(slot: slot, instrument: instrument) == 0)
      }
    }
    #expect(fixture.wrapper.state(of: .account).state == .halted)
    #expect(fixture.kernel.counters.hostOrders == 3)
    expectDenied(fixture.buy(1, slot: 1), .accountHalted)
    let kill = fixture.audited("kill")
    #expect(kill.count == 1)
    #expect(kill.first?.values.contains(AuditRecord.Value("orders_cancelled", "2")) == true)
    #expect(kill.first?.values.contains(AuditRecord.Value("positions_closing", "3")) == true)
    #expect(kill.first?.values.contains(AuditRecord.Value("policy", "flatten")) == true)
    #expect(fixture.kernel.portfolio.checkConsistency().isEmpty)
  }

  @Test("kill (freeze): orders cancelled, positions kept, the account halted")
  func killFreeze() throws {
    let fixture = try book(.only { $0.killPolicy = .freeze })
    fixture.wrapper.commands.push(RiskCommand(action: .kill, source: .operator))
    fixture.feed(0, at: Self.t0 + second, close: 10_100)
    #expect(fixture.kernel.simulator?.restingCount == 0)
    #expect(fixture.position(slot: 0, instrument: 0) == 5)
    #expect(fixture.position(slot: 0, instrument: 1) == -3)
    #expect(fixture.position(slot: 1, instrument: 0) == 2)
    #expect(fixture.kernel.counters.hostOrders == 0)
    #expect(fixture.wrapper.state(of: .account).state == .halted)
    #expect(
      fixture.audited("kill").first?.values.contains(AuditRecord.Value("policy", "freeze")) == true)
  }

  @Test("kill on one slot: only its orders and positions; the other slot trades on")
  func killSlot() throws {
    let fixture = try book()
    fixture.wrapper.commands.push(RiskCommand(action: .kill, slot: "a", source: .operator))
    fixture.feed(0, at: Self.t0 + second, close: 10_100)
    #expect(fixture.position(slot: 0, instrument: 0) == 0)
    #expect(fixture.position(slot: 0, instrument: 1) == 0)
    #expect(fixture.position(slot: 1, instrument: 0) == 2)
    #expect(fixture.kernel.simulator?.restingOrders.map(\.slot) == [1])
    #expect(fixture.wrapper.state(of: .slot(0)).state == .halted)
    #expect(fixture.wrapper.state(of: .account).state == .active)
    expectDenied(fixture.buy(1, slot: 0), .slotHalted)
    expectFilled(fixture.buy(1, slot: 1), 1)
  }

  @Test("kill on one instrument: every slot's orders and positions in it; the rest trade on")
  func killInstrument() throws {
    let fixture = try book()
    fixture.wrapper.commands.push(
      RiskCommand(action: .kill, instrument: "SPY.ARCA", source: .operator))
    fixture.feed(1, at: Self.t0 + second, close: 5_000)
    #expect(fixture.position(slot: 0, instrument: 0) == 0)
    #expect(fixture.position(slot: 1, instrument: 0) == 0)
    #expect(fixture.position(slot: 0, instrument: 1) == -3)
    #expect(fixture.kernel.simulator?.restingOrders.map(\.instrument) == [1])
    #expect(fixture.wrapper.state(of: .instrument(0)).state == .halted)
    #expect(fixture.wrapper.state(of: .account).state == .active)
    expectDenied(fixture.buy(1, slot: 1), .instrumentHalted)
    expectFilled(fixture.buy(1, slot: 1, instrument: 1), 1)
    // Pausing the other instrument by hand keeps its resting order.
    fixture.wrapper.apply(RiskCommand(action: .pause, instrument: "QQQ.ARCA", source: .operator))
    #expect(fixture.kernel.simulator?.restingOrders.map(\.instrument) == [1])
    expectDenied(fixture.buy(1, slot: 1, instrument: 1), .instrumentPaused)
    // Naming both a slot and an instrument, or an unknown instrument, is refused.
    fixture.wrapper.apply(
      RiskCommand(action: .resume, slot: "a", instrument: "QQQ.ARCA", source: .operator))
    #expect(
      fixture.wrapper.audit.records.last?.reason
        == "refused: a control names a slot or an instrument, not both")
    fixture.wrapper.apply(RiskCommand(action: .pause, instrument: "IWM.BATS", source: .operator))
    #expect(
      fixture.wrapper.audit.records.last?.reason == "refused: no instrument is named 'IWM.BATS'")
  }

  @Test("commands pushed from another thread take effect at the next event or timer tick")
  func commandsFromAnotherThread() async throws {
    let fixture = try book()
    let queue = fixture.wrapper.commands
    await Task.detached {
      queue.push(RiskCommand(action: .pause, slot: "b", source: .operator, detail: "uid 1000"))
    }.value
    #expect(queue.hasPending)
    #expect(fixture.wrapper.state(of: .slot(1)).state == .active)
    fixture.feed(0, at: Self.t0 + second, close: 10_000)
    #expect(!queue.hasPending)
    #expect(fixture.wrapper.state(of: .slot(1)).state == .paused)
    expectDenied(fixture.buy(1, slot: 1), .slotPaused)

    await Task.detached {
      queue.push(RiskCommand(action: .resume, slot: "b", source: .operator, detail: "uid 1000"))
      queue.push(RiskCommand(action: .reduce, source: .operator, detail: "uid 1000"))
    }.value
    fixture.clock.advance(to: Self.t0 + 2 * second)
    fixture.kernel.idle()
    #expect(fixture.wrapper.state(of: .slot(1)).state == .active)
    #expect(fixture.wrapper.state(of: .account).state == .reducing)
    #expect(fixture.wrapper.state(of: .account).since == Self.t0 + 2 * second)
    expectDenied(fixture.buy(1, slot: 1), .accountReducing)
  }

  @Test("a command for a slot the run does not have is audited as refused and changes nothing")
  func unknownSlot() throws {
    let fixture = try book()
    fixture.wrapper.commands.push(
      RiskCommand(action: .pause, slot: "ghost", source: .operator, detail: "uid 1000"))
    fixture.feed(0, at: Self.t0 + second, close: 10_000)
    let refused = fixture.wrapper.audit.records.last
    #expect(refused?.action == "pause")
    #expect(refused?.scope == "slot ghost")
    #expect(refused?.reason == "refused: no slot is named 'ghost'")
    #expect(refused?.source == .operator)
    #expect(refused?.time == Self.t0 + second)
    #expect(refused?.values == [AuditRecord.Value("requested_by", "uid 1000")])
    #expect(fixture.wrapper.worstState == .active)
    expectFilled(fixture.buy(1, slot: 0), 1)
  }

  @Test(
    "the kill switch from each source is audited with that source",
    arguments: [
      (AuditSource.operator, "uid 1000"), (.file, "/run/tradehost/KILL"), (.signal, "SIGUSR1"),
      (.gpio, "gpiochip0 line 17"),
    ])
  func killSources(source: AuditSource, detail: String) throws {
    let fixture = try book()
    fixture.wrapper.commands.push(RiskCommand(action: .kill, source: source, detail: detail))
    fixture.feed(0, at: Self.t0 + second, close: 10_000)
    let state = fixture.wrapper.state(of: .account)
    #expect(state.state == .halted)
    #expect(state.source == source.rawValue)
    #expect(state.reason == "kill switch")
    let kill = fixture.audited("kill")
    #expect(kill.count == 1)
    #expect(kill.first?.source == source)
    #expect(kill.first?.time == Self.t0 + second)
    #expect(kill.first?.values.first == AuditRecord.Value("requested_by", detail))
    let halted = fixture.audited("state").last
    #expect(halted?.source == source)
    #expect(halted?.to == "halted")
    #expect(halted?.values == [AuditRecord.Value("requested_by", detail)])
    #expect(fixture.kernel.simulator?.restingCount == 0)
    #expect(fixture.position(slot: 0) == 0)
  }
}
