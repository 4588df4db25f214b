import CTradeHostPlugin
import Foundation
import HostTestKit
import Risk
import Testing
import TradingModel

@testable import Kernel

/// The audit trail: every state change carries its time, source, reason and values; the file
/// form is one JSON object per line, appended (never truncated) across trails and runs.
@Suite("Audit trail")
struct AuditTests {
  typealias F = RiskFixture
  static let t0 = RiskFixture.monday

  /// A run with a manual pause and resume, a rule halt (daily loss: 1,000 SPY from 100.00 to
  /// 95.00 is 2.5% of the account's 200,000), a resume and a kill from the trigger file; each at
  /// its own time.
  func eventfulRun(audit: AuditTrail) throws -> RiskFixture {
    let fixture = try F(
      .only { $0.account.maxDailyLossFraction = 0.02 }, slots: [F.slot("a"), F.slot("b")],
      audit: audit)
    fixture.feed(at: Self.t0, close: 10_000)
    expectFilled(fixture.buy(1_000, slot: 0), 1_000)
    fixture.wrapper.commands.push(
      RiskCommand(action: .pause, slot: "b", source: .operator, detail: "uid 1000"))
    fixture.feed(at: Self.t0 + second, close: 10_000)
    fixture.wrapper.commands.push(
      RiskCommand(action: .resume, slot: "b", source: .operator, detail: "uid 1000"))
    fixture.feed(at: Self.t0 + 2 * second, close: 10_000)
    fixture.feed(at: Self.t0 + 3 * second, close: 9_500)
    fixture.wrapper.commands.push(RiskCommand(action: .resume, source: .operator, detail: "uid 0"))
    fixture.feed(at: Self.t0 + day, close: 9_500)
    fixture.wrapper.commands.push(
      RiskCommand(action: .kill, source: .file, detail: "/run/tradehost/KILL"))
    fixture.feed(at: Self.t0 + day + second, close: 9_500)
    return fixture
  }

  @Test("every state change has its time, source, reason, values and the states before and after")
  func stateChangesAreComplete() throws {
    let fixture = try eventfulRun(audit: AuditTrail())
    let states = fixture.audited("state")
    #expect(
      states.map(\.time) == [
        Self.t0 + second, Self.t0 + 2 * second, Self.t0 + 3 * second, Self.t0 + day,
        Self.t0 + day + second,
      ])
    #expect(states.map(\.source) == [.operator, .operator, .rule, .operator, .file])
    #expect(states.map(\.scope) == ["slot b", "slot b", "account", "account", "account"])
    #expect(states.map(\.from) == ["active", "paused", "active", "halted", "active"])
    #expect(states.map(\.to) == ["paused", "active", "halted", "active", "halted"])
    for record in states {
      #expect(!record.reason.isEmpty)
      #expect(!record.values.isEmpty)
      #expect(record.values.allSatisfy { !$0.name.isEmpty && !$0.value.isEmpty })
    }
    let rule = states[2]
    #expect(rule.reason == "the day's loss reached its limit (fraction of equity)")
    #expect(
      rule.values.map(\.name) == ["reference_equity", "equity", "loss_fraction", "limit_fraction"])
    #expect(rule.values.first { $0.name == "limit_fraction" }?.value == "0.02")
    // The kill itself is its own record, before the halt it causes.
    let kill = fixture.audited("kill")
    #expect(kill.count == 1)
    #expect(kill.first?.time == Self.t0 + day + second)
    let killIndex = fixture.wrapper.audit.records.firstIndex { $0.action == "kill" }!
    #expect(fixture.wrapper.audit.records[killIndex + 1].to == "halted")
  }

  @Test("a record's JSON line has every field, in order, and parses")
  func jsonLine() throws {
    let record = AuditRecord(
      time: Self.t0 + 5, source: .gpio, action: "kill", scope: "account", from: "active",
      to: "halted", reason: "kill switch: \"pressed\"\n",
      values: [.init("requested_by", "gpiochip0 line 17"), .init("orders_cancelled", "2")])
    let line = record.jsonLine
    #expect(!line.contains("\n"))
    let object = try #require(jsonObject(line))
    #expect(object["time_ns"] as? Int == Int(Self.t0 + 5))
    #expect((object["time"] as? String)?.hasPrefix("2013-10-07T14:00:00") == true)
    #expect(object["source"] as? String == "gpio")
    #expect(object["action"] as? String == "kill")
    #expect(object["scope"] as? String == "account")
    #expect(object["from"] as? String == "active")
    #expect(object["to"] as? String == "halted")
    #expect(object["reason"] as? String == "kill switch: \"pressed\"\n")
    let values = try #require(object["values"] as? [String: String])
    #expect(values == ["requested_by": "gpiochip0 line 17", "orders_cancelled": "2"])
    let keys = [
      "\"time\"", "\"time_ns\"", "\"source\"", "\"action\"", "\"scope\"", "\"from\"", "\"to\"",
      "\"reason\"", "\"values\"",
    ]
    let offsets = keys.map { line.range(of: $0)?.lowerBound }
    #expect(offsets.allSatisfy { $0 != nil })
    #expect(offsets.compactMap { $0 } == offsets.compactMap { $0 }.sorted())
    // Without a state change there is no from or to.
    let plain = try #require(
      jsonObject(
        AuditRecord(time: 1, source: .host, action: "restore", scope: "account", reason: "r")
          .jsonLine))
    #expect(plain["from"] == nil && plain["to"] == nil)
  }

  @Test(
    "a file trail writes one JSON line per record, and a second trail appends without truncating")
  func fileAppends() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let path = directory.file("audit.jsonl")
    var first: [String] = []
    do {
      let trail = try AuditTrail(appendingTo: path)
      let fixture = try eventfulRun(audit: trail)
      first = fixture.wrapper.audit.records.map(\.jsonLine)
      #expect(trail.writeError == nil)
    }
    #expect(first.count >= 6)
    #expect(fileLines(path) == first)
    var attributes = try FileManager.default.attributesOfItem(atPath: path)
    #expect((attributes[.posixPermissions] as? Int) == 0o600)

    let second = try AuditTrail(appendingTo: path)
    let fixture = try F(.unlimited, slots: [F.slot("a"), F.slot("b")], audit: second)
    fixture.feed(at: Self.t0 + 2 * day, close: 10_000)
    fixture.wrapper.apply(
      RiskCommand(action: .pause, slot: "a", source: .signal, detail: "SIGUSR1"))
    fixture.wrapper.apply(RiskCommand(action: .reduce, source: .operator, detail: "uid 1000"))
    let lines = fileLines(path)
    #expect(lines.count == first.count + 2)
    #expect(Array(lines.prefix(first.count)) == first)
    #expect(Array(lines.suffix(2)) == second.records.map(\.jsonLine))
    for line in lines {
      let object = try #require(jsonObject(line), "not JSON: \(line)")
      #expect(object["time_ns"] is Int)
      #expect(object["source"] is String && object["action"] is String)
      #expect(object["scope"] is String && object["reason"] is String)
      #expect(object["values"] is [String: String])
    }
    attributes = try FileManager.default.attributesOfItem(atPath: path)
    #expect((attributes[.size] as? Int) == lines.map { $0.utf8.count + 1 }.reduce(0, +))
  }

  @Test("an audit file that cannot be opened is a RiskError naming it")
  func unopenable() throws {
    let path = "/nonexistent-directory/audit.jsonl"
    #expect(throws: RiskError.self) { try AuditTrail(appendingTo: path) }
    do {
      _ = try AuditTrail(appendingTo: path)
    } catch {
      #expect(error.description.contains(path))
    }
  }

  @Test("the echo hook sees every record as it is appended")
  func echo() throws {
    final class Seen {
      var actions: [String] = []
    }
    let seen = Seen()
    let fixture = try F(.unlimited, audit: AuditTrail(echo: { seen.actions.append($0.action) }))
    fixture.feed(at: Self.t0, close: 10_000)
    fixture.wrapper.apply(RiskCommand(action: .kill, source: .operator))
    #expect(seen.actions == ["kill", "state"])
    #expect(seen.actions == fixture.wrapper.audit.records.map(\.action))
  }

  @Test("lines the file holds are not written again, once per occurrence; the rest are")
  func expectedRewrites() throws {
    let folder = try TemporaryDirectory()
    let path = folder.file("audit.jsonl")
    func record(_ time: Int64) -> AuditRecord {
      AuditRecord(time: time, source: .rule, action: "state", scope: "account", reason: "r")
    }
    let first = try AuditTrail(appendingTo: path)
    first.append(record(1))
    first.append(record(1))
    // A resumed trail told of the two lines makes the same two records and one more.
    let echoed = Counter()
    let resumed = try AuditTrail(appendingTo: path, echo: { _ in echoed.add() })
    resumed.expectRewrites([record(1).jsonLine, record(1).jsonLine])
    for time: Int64 in [1, 1, 1, 2] { #expect(resumed.append(record(time)) == nil) }
    let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
    #expect(lines == [record(1), record(1), record(1), record(2)].map { Substring($0.jsonLine) })
    #expect(echoed.value == 2)
    #expect(resumed.records.count == 4, "every record stays in memory")
  }

  /// Counts calls from the trail's echo.
  final class Counter: @unchecked Sendable {
    // @unchecked: the trail calls its echo under its own lock, one call at a time.
    private(set) var value = 0
    func add() { value += 1 }
  }
}
