import Backtest
import CTradeHostPlugin
import Foundation
import HostTestKit
import MarketData
import Risk
import Testing
import TradingModel

@testable import Kernel

/// A disk that fills up or fails (injected through `FailingFileCalls`): records are whole or
/// absent, state files are replaced durably or not at all, a failed write stops new orders
/// (`on_write_failure`), the control that caused it learns that its state is not saved, and the
/// audit records in memory stay bounded.
@Suite("write failures")
struct WriteFailureTests {
  static func folder(_ name: String) -> String {
    let path = NSTemporaryDirectory() + "th-write-\(getpid())-\(name)"
    try? FileManager.default.removeItem(atPath: path)
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  static func lines(_ path: String) -> [String] {
    ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").split(
      separator: "\n", omittingEmptySubsequences: false
    ).map(String.init)
  }

  @Test("a record cut short by a full disk is removed: never a torn line, the next one whole")
  func wholeRecords() throws {
    let path = Self.folder("append") + "/audit.jsonl"
    let disk = FailingFileCalls()
    let file = try AppendOnlyFile(path: path, what: "audit log", calls: disk)
    #expect(file.append("{\"n\":1}\n", sync: true) == nil)
    disk.fill(leaving: 4)
    let error = file.append("{\"n\":2,\"long\":\"record\"}\n", sync: true)
    #expect(error?.contains("No space left on device") == true, "\(String(describing: error))")
    #expect(Self.lines(path) == ["{\"n\":1}", ""])
    // A flush that fails takes the record back out too.
    disk.heal()
    disk.failSync()
    #expect(file.append("{\"n\":3}\n", sync: true)?.contains("Input/output error") == true)
    #expect(Self.lines(path) == ["{\"n\":1}", ""])
    disk.heal()
    #expect(file.append("{\"n\":4}\n", sync: true) == nil)
    #expect(Self.lines(path) == ["{\"n\":1}", "{\"n\":4}", ""])
  }

  @Test("the risk state is replaced durably or not at all")
  func durableState() throws {
    let folder = Self.folder("state")
    let path = folder + "/risk-state.json"
    let disk = FailingFileCalls()
    let halted = RiskStateSnapshot(
      account: .init(LatchedState(state: .halted, reason: "test", source: "operator", since: 1)))
    try RiskStateFile.save(halted, to: path, calls: disk)
    // The file and then its folder were flushed.
    #expect(disk.syncs == 2)
    for fail in [{ disk.fill(leaving: 10) }, { disk.failSync() }, { disk.failRename() }] {
      fail()
      #expect(throws: RiskError.self) {
        try RiskStateFile.save(RiskStateSnapshot(account: .init(LatchedState())), to: path, calls: disk)
      }
      disk.heal()
      #expect(try RiskStateFile.load(path) == halted)
      let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder)
      #expect(leftovers == ["risk-state.json"])
    }
  }

  @Test("the host's start check refuses a state folder it cannot write")
  func startCheck() throws {
    let folder = Self.folder("check")
    try RiskStateFile.checkWritable(folder: folder)
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
    let disk = FailingFileCalls()
    disk.fill(leaving: 0)
    #expect {
      try RiskStateFile.checkWritable(folder: folder, calls: disk)
    } throws: { error in
      "\(error)".contains("cannot write the state folder \(folder) (")
        && "\(error)".contains("No space left on device")
    }
  }

  @Test("audit records in memory are bounded; the oldest go first and are counted")
  func boundedRecords() {
    let trail = AuditTrail(capacity: 5)
    for index in 0..<12 {
      trail.append(
        AuditRecord(time: Int64(index), source: .host, action: "test", scope: "account", reason: "r"))
    }
    #expect(trail.records.count == 5)
    #expect(trail.records.last?.time == 11)
    #expect(trail.droppedRecords == 7)
  }

  /// A fixture whose audit log and risk state go through `disk`.
  static func fixture(
    _ name: String, disk: FailingFileCalls, policy: WriteFailurePolicy = .halted
  ) throws -> (RiskFixture, RiskStateStore) {
    let folder = Self.folder(name)
    var risk = RiskConfiguration()
    risk.onWriteFailure = policy
    let audit = try AuditTrail(appendingTo: folder + "/audit.jsonl", calls: disk)
    let fixture = try RiskFixture(risk, audit: audit)
    let store = RiskStateStore(path: folder + "/risk-state.json", restored: nil, calls: disk)
    fixture.wrapper.onStateChange = { snapshot throws(RiskError) in try store.save(snapshot) }
    return (fixture, store)
  }

  @Test("a kill whose records cannot be written halts the account and says its state is not saved")
  func auditFailureHalts() throws {
    let disk = FailingFileCalls()
    let (fixture, _) = try Self.fixture("kill", disk: disk)
    fixture.feed(at: RiskFixture.monday, close: 100_00)
    disk.fill(leaving: 0)
    let receipt = CommandReceipt()
    fixture.wrapper.apply(
      RiskCommand(action: .pause, slot: "main", source: .operator, receipt: receipt))
    guard case .notSaved(let error)? = receipt.wait(nanoseconds: 0) else {
      Issue.record("the receipt says saved")
      return
    }
    #expect(error.contains("could not be written"), "\(error)")
    #expect(fixture.wrapper.stateName(slot: nil) == "halted")
    #expect(fixture.wrapper.stateReason(slot: nil)?.contains("No space left on device") == true)
    #expect(fixture.buy(1).code == DenialReason.accountHalted.code)
    // Once the disk works again, a resume is saved and trading resumes.
    disk.heal()
    let resumed = CommandReceipt()
    fixture.wrapper.apply(RiskCommand(action: .resume, source: .operator, receipt: resumed))
    #expect(resumed.wait(nanoseconds: 0) == .saved)
    #expect(fixture.wrapper.stateName(slot: nil) == "active")
  }

  @Test("a risk state that cannot be saved moves the account to reducing when so configured")
  func stateFailureReduces() throws {
    let disk = FailingFileCalls()
    let (fixture, _) = try Self.fixture("reduce", disk: disk, policy: .reducing)
    fixture.feed(at: RiskFixture.monday, close: 100_00)
    #expect(fixture.buy(2).code == nil)
    fixture.feed(at: RiskFixture.monday + minute, close: 100_00)
    disk.failRename()
    let receipt = CommandReceipt()
    fixture.wrapper.apply(
      RiskCommand(action: .pause, slot: "main", source: .operator, receipt: receipt))
    guard case .notSaved(let error)? = receipt.wait(nanoseconds: 0) else {
      Issue.record("the receipt says saved")
      return
    }
    #expect(error.contains("the risk state could not be written"), "\(error)")
    #expect(fixture.wrapper.stateName(slot: nil) == "reducing")
  }

  @Test("a record others append that fails (the deployer, the control side) stops orders at the next event")
  func foreignAuditFailure() throws {
    let disk = FailingFileCalls()
    let (fixture, _) = try Self.fixture("foreign", disk: disk)
    fixture.feed(at: RiskFixture.monday, close: 100_00)
    disk.fill(leaving: 0)
    fixture.wrapper.audit.append(
      AuditRecord(time: 1, source: .watcher, action: "reload", scope: "slot main", reason: "r"))
    #expect(fixture.wrapper.stateName(slot: nil) == "active")
    fixture.feed(at: RiskFixture.monday + minute, close: 100_00)
    #expect(fixture.wrapper.stateName(slot: nil) == "halted")
  }

  @Test("run configs and flags take on_write_failure; anything else is refused")
  func configuration() throws {
    let folder = Self.folder("config")
    let path = folder + "/risk.yaml"
    try "on_write_failure: reducing\n".write(toFile: path, atomically: true, encoding: .utf8)
    #expect(try BacktestPlan.loadRisk(path: path, currency: .usd).onWriteFailure == .reducing)
    try "on_write_failure: panic\n".write(toFile: path, atomically: true, encoding: .utf8)
    #expect {
      try BacktestPlan.loadRisk(path: path, currency: .usd)
    } throws: { error in
      "\(error)".contains("risk.on_write_failure must be halted or reducing, not 'panic'")
    }
  }
}
