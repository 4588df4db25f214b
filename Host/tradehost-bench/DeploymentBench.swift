import Backtest
import Deployment
import Foundation
import HostTestKit
import Kernel
import PluginHost
import Risk

/// The hot-reload benchmarks of issue 4, on the parity workload (SPY 1s, `ema-cross`):
/// - the swap pause: how long the kernel stops between two events to swap a slot's strategy
///   (state export, import, switch), over 200 reloads during the run (each reload loads a new
///   image of ema-cross and of its ema indicator, inline, outside the measured pause);
/// - the same pause when the new version is warmed from the kernel's 512 recent events;
/// - the memory each reload keeps: the deployer keeps `keep_versions` (1) replaced versions and
///   releases the older ones, but images are never unloaded (resident set growth per reload,
///   and the mapped size of the two images).
enum DeploymentBench {
  static func run(_ registry: PluginRegistry) throws {
    let reloads = 200
    let prepared = try BacktestRunner.prepare(
      KernelBench.plan(), registry: registry, cacheDirectory: nil, deployments: true,
      log: KernelLog.discard)
    guard let deployer = prepared.deployer else { return }
    let kernel = prepared.kernel
    let every = prepared.events.count / (reloads + 1)
    // Warm up (first loads, caches), then measure the resident set across the reloads.
    for event in prepared.events.prefix(every) { kernel.process(event) }
    let residentBefore = residentBytes()
    let imagesBefore = mappedImages()
    for (index, event) in prepared.events.enumerated().dropFirst(every) {
      if index % every == 0, kernel.slots[0].swaps < reloads {
        deployer.desk.submit(DeploymentCommand(.reload(plugin: "ema-cross", slot: nil), source: .host))
      }
      kernel.process(event)
    }
    let residentAfter = residentBytes()
    let images = mappedImages() - imagesBefore
    var pauses = LatencyRecorder(capacity: deployer.pauses.samples.count)
    for pause in deployer.pauses.samples { pauses.record(UInt64(pause)) }
    BenchMain.report(
      "hot-reload swap pause, state handed over (\(kernel.slots[0].swaps) reloads during the run)",
      pauses)
    let perReload = Double(residentAfter - residentBefore) / Double(max(kernel.slots[0].swaps, 1))
    let mappedPerReload = Double(mappedBytes(of: "ema") + mappedBytes(of: "ema-cross")) / 1024
    print(
      "memory kept per reload: \(BenchMain.format(perReload / 1024)) KiB resident "
        + "(\(deployer.releasedVersions) versions released, \(deployer.keptVersions(slot: 0)) kept; "
        + "\(images) images mapped for \(kernel.slots[0].swaps) reloads; mapped per reload: "
        + "\(BenchMain.format(mappedPerReload)) KiB "
        + "of ema-cross + ema; \(kernel.counters.orders) orders, as the parity run without reloads)")

    // Warm-up from history: the kernel's own swap with `.history`, timed alone.
    var warm = LatencyRecorder(capacity: 50)
    for _ in 0..<50 {
      let instance = try registry.makeStrategy(
        "ema-cross", environment: kernel, label: kernel.slots[0].name)
      let start = LatencyRecorder.now()
      let replaced = try kernel.replaceStrategy(slot: 0, with: instance, handover: .history)
      warm.record(LatencyRecorder.now() - start)
      _ = replaced.previous
    }
    BenchMain.report(
      "hot-reload swap pause, warmed from \(kernel.history.count) recent events", warm)
  }

  /// The resident set size, bytes (`/proc/self/statm`).
  static func residentBytes() -> Int {
    guard let text = procFile("/proc/self/statm") else {
      return 0
    }
    let fields = text.split(separator: " ")
    return fields.count > 1 ? (Int(fields[1]) ?? 0) * Int(sysconf(Int32(_SC_PAGESIZE))) : 0
  }

  /// Distinct staged plugin images mapped into the process (`/proc/self/maps`).
  static func mappedImages() -> Int {
    MappedImages.current()?.images ?? 0
  }

  /// Bytes mapped for one staged copy of the plugin `id`.
  static func mappedBytes(of id: String) -> Int {
    procFile("/proc/self/maps").map { MappedImages.byInode($0, plugin: id) }?.values.min() ?? 0
  }

  /// A /proc file's whole text.
  static func procFile(_ path: String) -> String? { MappedImages.readProcFile(path) }
}
