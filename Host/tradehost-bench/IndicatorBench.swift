import CAllocCounter
import CTradeHostPlugin
import Foundation
import PluginHost

/// The indicator plugins' cost in `make bench`: for every shipped indicator (default parameters),
/// the time of one update plus a read of every output through the host's wrapper, per bar of the
/// bench data (best of three passes) and its heap allocations; then the whole library, one
/// instance of every indicator, updated and read on every bar.
enum IndicatorBench {
  static func run(_ registry: PluginRegistry, _ bars: [th_bar]) throws {
    let environment = BenchEnvironment()
    let ids = registry.plugins.filter { $0.kind == .indicator }.map(\.id)
    var instances: [IndicatorInstance] = []
    for id in ids {
      let indicator = try registry.makeIndicator(id, environment: environment)
      instances.append(indicator)
      let outputs = indicator.outputNames.count
      var best = Double.infinity
      var checksum = 0.0
      var allocations: UInt64 = 0
      for _ in 0..<3 {
        indicator.reset()
        checksum = 0
        let allocationsBefore = th_alloc_count()
        let start = LatencyRecorder.now()
        for bar in bars {
          indicator.update(bar)
          for output in 0..<outputs where indicator.isReady { checksum += indicator.value(output) }
        }
        best = min(best, Double(LatencyRecorder.now() - start))
        allocations = th_alloc_count() - allocationsBefore
      }
      print(
        "indicator \(id) update+read (\(outputs) output\(outputs == 1 ? "" : "s")): "
          + "\(BenchMain.format(best / Double(bars.count))) ns per bar, "
          + "\(allocations) allocations (checksum \(BenchMain.format(checksum)))")
    }
    for instance in instances { instance.reset() }
    var checksum = 0.0
    let allocationsBefore = th_alloc_count()
    let start = LatencyRecorder.now()
    for bar in bars {
      for instance in instances {
        instance.update(bar)
        if instance.isReady { checksum += instance.value(0) }
      }
    }
    let seconds = Double(LatencyRecorder.now() - start) / 1e9
    let allocations = th_alloc_count() - allocationsBefore
    print(
      "indicator library: all \(instances.count) indicators on every bar: "
        + "\(BenchMain.format(seconds * 1e9 / Double(bars.count))) ns per bar, "
        + "\(BenchMain.format(seconds * 1e3)) ms for \(bars.count) bars, \(allocations) allocations "
        + "(checksum \(BenchMain.format(checksum)))")
  }
}
