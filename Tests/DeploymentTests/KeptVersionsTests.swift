import Backtest
import Deployment
import Foundation
import HostTestKit
import Kernel
import PluginHost
import Risk
import Testing

/// Bounded memory across reloads: each slot keeps its last `deployment.keep_versions` replaced
/// versions for rollback and releases the rest (instances destroyed, registries dropped); the
/// images stay mapped and are counted (`MappedImages`).
@Suite("kept versions")
struct KeptVersionsTests {
  @Test("keep_versions 2: older versions are released, the kept ones roll back in order")
  func keepTwo() throws {
    let bench = try ProbeWorkbench()
    try bench.install(version: "1.0.0", stateVersion: 1)
    try bench.start { $0.keepVersions = 2 }
    var instances: [String: Weak] = [:]
    instances["1.0.0"] = Weak(bench.kernel.slots[0].strategy)
    for minor in 1...5 {
      bench.advance(10)
      try bench.install(version: "1.0.\(minor)", stateVersion: 1)
      bench.submit(.reload(plugin: ProbePlugin.id, slot: nil))
      bench.advance(1)
      #expect(bench.kernel.slots[0].strategyVersion == "1.0.\(minor)")
      instances["1.0.\(minor)"] = Weak(bench.kernel.slots[0].strategy)
      #expect(bench.deployer.keptVersions(slot: 0) == min(minor, 2))
    }
    // Released: destroyed, nothing holds them. Kept: alive, ready for a rollback.
    for version in ["1.0.0", "1.0.1", "1.0.2"] {
      #expect(instances[version]?.value == nil, "\(version) is still alive")
    }
    for version in ["1.0.3", "1.0.4", "1.0.5"] {
      #expect(instances[version]?.value != nil, "\(version) was released")
    }
    #expect(bench.deployer.releasedVersions == 3)
    bench.submit(.rollback(slot: "probe"))
    bench.advance(1)
    #expect(bench.kernel.slots[0].strategyVersion == "1.0.4")
    #expect(instances["1.0.5"]?.value == nil)
    bench.submit(.rollback(slot: "probe"))
    bench.advance(1)
    #expect(bench.kernel.slots[0].strategyVersion == "1.0.3")
    bench.submit(.rollback(slot: "probe"))
    bench.advance(1)
    #expect(bench.kernel.slots[0].strategyVersion == "1.0.3")
    #expect(bench.records("rollback").last?.reason.contains("no previous version is kept") == true)
    // Every image stays mapped: six versions, six images of the probe.
    let maps = try #require(MappedImages.readProcFile("/proc/self/maps"))
    #expect(MappedImages.byInode(maps, plugin: ProbePlugin.id).count >= 6)
  }

  @Test("keep_versions 0 keeps nothing: a production slot cannot roll back")
  func keepNone() throws {
    let bench = try ProbeWorkbench()
    try bench.install(version: "1.0.0", stateVersion: 1)
    try bench.start { $0.keepVersions = 0 }
    let first = Weak(bench.kernel.slots[0].strategy)
    bench.advance(5)
    try bench.install(version: "1.0.1", stateVersion: 1)
    bench.submit(.reload(plugin: ProbePlugin.id, slot: nil))
    bench.advance(1)
    #expect(first.value == nil)
    #expect(bench.deployer.keptVersions(slot: 0) == 0)
  }

  @Test("a reload whose audit record cannot be written says the state is not saved")
  func auditNotSaved() throws {
    let disk = FailingFileCalls()
    let folder = try TemporaryDirectory(prefix: "probe-audit")
    defer { folder.remove() }
    let bench = try ProbeWorkbench(
      audit: try AuditTrail(appendingTo: folder.path + "/audit.jsonl", calls: disk))
    try bench.install(version: "1.0.0", stateVersion: 1)
    try bench.start()
    bench.advance(5)
    try bench.install(version: "1.0.1", stateVersion: 1)
    disk.fill(leaving: 0)
    bench.submit(.reload(plugin: ProbePlugin.id, slot: nil))
    bench.advance(1)
    #expect(bench.kernel.slots[0].strategyVersion == "1.0.1")
    let outcome = try #require(bench.deployer.desk.outcomes().last)
    #expect(
      outcome.contains("\(SlotDeployer.notSaved): the audit record could not be written"),
      "\(outcome)")
    #expect(outcome.contains("No space left on device"), "\(outcome)")
  }

  @Test("the run config's deployment.keep_versions, 0 to 64")
  func runConfigKey() throws {
    let base = "data: [{path: x.csv, instrument: SPY}]\nslots: [{name: a, strategy: ema-cross}]\n"
    let plan = try BacktestPlan.parse(
      base + "deployment: {keep_versions: 3}\n", file: "run.yaml", baseDirectory: "/tmp")
    #expect(plan.keepVersions == 3)
    #expect(try BacktestPlan.parse(base, file: "run.yaml", baseDirectory: "/tmp").keepVersions == 1)
    #expect {
      try BacktestPlan.parse(
        base + "deployment: {keep_versions: 65}\n", file: "run.yaml", baseDirectory: "/tmp")
    } throws: { error in
      "\(error)".contains("deployment.keep_versions must be a whole number in 0...64, not '65'")
    }
  }

  @Test("mapped images are counted by inode and summed from a maps text")
  func measureMaps() {
    let maps = """
      7f00-7f10 r--p 00000000 00:01 111  /memfd:tradehost:ema-cross-1.0.0 (deleted)
      7f10-7f30 r-xp 00010000 00:01 111  /memfd:tradehost:ema-cross-1.0.0 (deleted)
      7f40-7f48 r--p 00000000 00:01 222  /memfd:tradehost:ema-cross-1.0.0 (deleted)
      7f50-7f58 r--p 00000000 00:01 333  /memfd:tradehost:ema-2.0.0 (deleted)
      7f60-7f70 r--p 00000000 08:01 444  /usr/lib/libc.so.6
      """
    #expect(MappedImages.measure(maps) == MappedImages(images: 3, bytes: 0x30 + 0x8 + 0x8))
    #expect(MappedImages.byInode(maps, plugin: "ema").count == 1)
    #expect(MappedImages.byInode(maps, plugin: "ema-cross") == ["111": 0x30, "222": 0x8])
  }
}

/// A weak reference (to see that a released instance is gone).
final class Weak {
  weak var value: AnyObject?
  init(_ value: AnyObject) { self.value = value }
}
