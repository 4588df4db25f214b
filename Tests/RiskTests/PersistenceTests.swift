import Foundation
import HostTestKit
import Risk
import Testing
import TradingModel

@testable import Kernel

/// The latched states survive a restart: `RiskStateFile` saves and loads them, a wrapper built
/// with `restoring:` starts in them, and a damaged file is refused with an error naming it.
@Suite("Persisted risk states")
struct PersistenceTests {
  typealias F = RiskFixture
  static let t0 = RiskFixture.monday

  static let sample = RiskStateSnapshot(
    account: .init(
      LatchedState(
        state: .halted, reason: "drawdown from peak equity reached its limit", source: "rule",
        since: 1_381_154_460_000_000_000)),
    slots: [
      "a": .init(
        LatchedState(state: .paused, reason: "paused by hand", source: "operator", since: 7)),
      "ghost": .init(LatchedState(state: .reducing, reason: "x", source: "file", since: 8)),
    ],
    instruments: [
      "QQQ.ARCA": .init(LatchedState(state: .reducing, reason: "r", source: "operator", since: 9))
    ],
    deploymentsFrozen: true, freezeReason: "7-day drawdown reached the deployment freeze threshold")

  @Test("save then load gives the same states; a missing file loads as nil")
  func roundTrip() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let path = directory.file("risk-state.json")
    #expect(try RiskStateFile.load(path) == nil)
    try RiskStateFile.save(Self.sample, to: path)
    #expect(try RiskStateFile.load(path) == Self.sample)
    // Saving again replaces the file.
    let active = RiskStateSnapshot(account: .init(LatchedState()))
    try RiskStateFile.save(active, to: path)
    #expect(try RiskStateFile.load(path) == active)
    #expect(try RiskStateFile.load(path)?.account.latched == LatchedState())
  }

  @Test(
    "a wrapper restoring saved states starts in them: a halted account denies, audited by the host")
  func restoring() throws {
    let fixture = try F(
      .unlimited, instruments: [F.spy, F.qqq], slots: [F.slot("a"), F.slot("b")],
      restoring: Self.sample)
    fixture.feed(0, at: Self.t0, close: 10_000)
    expectDenied(fixture.buy(1, slot: 1), .accountHalted)
    #expect(
      fixture.wrapper.state(of: .account).reason == "drawdown from peak equity reached its limit")
    #expect(fixture.wrapper.state(of: .slot(0)).state == .paused)
    #expect(fixture.wrapper.state(of: .slot(1)).state == .active)
    #expect(fixture.wrapper.state(of: .instrument(1)).state == .reducing)
    #expect(fixture.wrapper.deploymentsFrozen)
    let restores = fixture.audited("restore")
    #expect(restores.allSatisfy { $0.source == .host })
    #expect(
      restores.map(\.scope) == [
        "account", "slot a", "slot ghost", "instrument QQQ.ARCA", "account",
      ])
    #expect(restores[2].reason == "saved state not applied: this run has no such slot")
    #expect(restores.last?.to == "frozen")
    // Resuming the account leaves the restored slot state in force.
    fixture.wrapper.apply(RiskCommand(action: .resume, source: .operator))
    expectDenied(fixture.buy(1, slot: 0), .slotPaused)
    expectFilled(fixture.buy(1, slot: 1), 1)
  }

  @Test("every latched change reaches the persistence hook; what it saves restores a new run")
  func liveStatesPersist() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let path = directory.file("risk-state.json")
    let fixture = try F(
      .only { $0.account.maxDailyLossFraction = 0.02 }, slots: [F.slot("a"), F.slot("b")])
    var saves = 0
    fixture.wrapper.onStateChange = { snapshot in
      saves += 1
      try? RiskStateFile.save(snapshot, to: path)
    }
    fixture.feed(at: Self.t0, close: 10_000)
    expectFilled(fixture.buy(2_000, slot: 0), 2_000)
    fixture.wrapper.apply(RiskCommand(action: .reduce, slot: "b", source: .operator))
    fixture.feed(at: Self.t0 + minute, close: 9_700)
    #expect(saves == 2)
    let saved = try #require(try RiskStateFile.load(path))
    #expect(saved.account.state == "halted")
    #expect(saved.account.source == "rule")
    #expect(saved.account.since == Self.t0 + minute)
    #expect(saved.slots["b"]?.state == "reducing")
    #expect(saved.slots["a"] == nil)

    let restarted = try F(.unlimited, slots: [F.slot("a"), F.slot("b")], restoring: saved)
    restarted.feed(at: Self.t0 + day, close: 9_700)
    expectDenied(restarted.sell(1, slot: 0), .accountHalted)
    restarted.wrapper.apply(RiskCommand(action: .resume, source: .operator))
    expectDenied(restarted.buy(1, slot: 1), .slotReducing)
  }

  @Test("a corrupt or foreign state file is a RiskError naming the file")
  func corrupt() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    for (name, text, detail) in [
      ("truncated.json", "{\"account\": {\"state\": \"halt", "not valid JSON"),
      (
        "missing-key.json", "{\"slots\": {}, \"instruments\": {}, \"deploymentsFrozen\": false}",
        "missing key 'account'"
      ),
      (
        "wrong-type.json",
        "{\"account\": {\"state\": 3, \"since\": 0}, \"slots\": {}, \"instruments\": {}, \"deploymentsFrozen\": false}",
        "account.state"
      ),
    ] {
      let path = directory.file(name)
      try Data(text.utf8).write(to: URL(fileURLWithPath: path))
      do {
        _ = try RiskStateFile.load(path)
        Issue.record("\(name) loaded")
      } catch {
        #expect(error.description.contains(path))
        #expect(error.description.contains("is not a saved risk state"))
        #expect(error.description.contains(detail))
      }
    }
  }

  @Test("a state file that cannot be written is a RiskError naming it")
  func unwritable() throws {
    let path = "/nonexistent-directory/risk-state.json"
    do {
      try RiskStateFile.save(Self.sample, to: path)
      Issue.record("saved to \(path)")
    } catch {
      #expect(error.description.contains(path))
    }
  }

  @Test("a saved file with an unknown state name is refused, not restored as active")
  func unknownStateName() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let path = directory.file("risk-state.json")
    // A hand-edited file: the account was halted, but the word is misspelt.
    let text = """
      {"account": {"state": "Halted", "reason": "kill switch", "source": "operator", "since": 1},
       "slots": {}, "instruments": {}, "deploymentsFrozen": false}
      """
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    var loaded: RiskStateSnapshot?
    do {
      loaded = try RiskStateFile.load(path)
      Issue.record("a state file with the unknown state 'Halted' loaded without an error")
    } catch {
      #expect(error.description.contains(path))
    }
    // Had it loaded, the account would restore as active and trade.
    if let loaded {
      let fixture = try F(.unlimited, restoring: loaded)
      fixture.feed(at: Self.t0, close: 10_000)
      #expect(fixture.wrapper.state(of: .account).state == .active)
      #expect(fixture.audited("restore").isEmpty)
    }
  }
}
