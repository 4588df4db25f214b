import CTradeHostPlugin
import Foundation
import HostTestKit
import PluginHost

/// `make bench`: measures the plugin layer in a release build. Not a test: figures, no verdicts.
///
/// - loading every shipped manifest (ELF checks, SHA-256 when given, staging, dlopen);
/// - `on_bar` of the dlopen'ed `ema-cross` strategy, which itself calls two dlopen'ed `ema`
///   indicator instances through the host table's handles and submits intents through the host;
/// - every indicator's update + read (`IndicatorBench`), one by one and all on every bar, and a
///   model prediction through the host's wrappers;
/// - a libffi call against a direct C call, indicators served through libffi, and the kernel loop
///   with resampled bars (`ForeignBench`; `tradehost-bench indicators` runs these two alone).
@main
enum BenchMain {
  static func main() throws {
    let root = RepositoryPaths.root
    // `tradehost-bench plugin-venue`: only the order-to-fill latency through a plugin venue.
    if CommandLine.arguments.dropFirst().first == "plugin-venue" {
      try PluginVenueBench.run(root: root)
      return
    }
    // `tradehost-bench selector`: only the evolutionary selector's generation.
    if CommandLine.arguments.dropFirst().first == "selector" {
      try SelectorBench.run(root: root)
      return
    }
    // `tradehost-bench indicators`: only the indicator, libffi and resampling figures.
    let indicatorsOnly = CommandLine.arguments.dropFirst().first == "indicators"
    let start = LatencyRecorder.now()
    let registry = PluginRegistry()
    try registry.loadDirectory(root + "/manifests")
    let loadNanoseconds = LatencyRecorder.now() - start
    guard registry.errors.isEmpty else {
      for error in registry.errors { print(error) }
      print("run `make plugins` first")
      exit(1)
    }
    print(
      "plugins: \(registry.plugins.count) loaded in \(format(Double(loadNanoseconds) / 1e6)) ms")

    let (bars, source) = BenchData.bars(repositoryRoot: root)
    print("data: \(bars.count) bars from \(source)")

    if indicatorsOnly {
      try IndicatorBench.run(registry, bars)
      try ForeignBench.run(registry, bars, root: root)
      return
    }
    try benchStrategy(registry, bars)
    try IndicatorBench.run(registry, bars)
    try ForeignBench.run(registry, bars, root: root)
    try benchModel(registry)
    try KernelBench.run(registry)
    try PluginVenueBench.run(root: root)
    try DeploymentBench.run(registry)
    try SelectorBench.run(root: root)
  }

  static func benchStrategy(_ registry: PluginRegistry, _ bars: [th_bar]) throws {
    var best = Double.infinity
    var intents = 0
    for _ in 0..<5 {
      let environment = BenchEnvironment()
      let strategy = try registry.makeStrategy("ema-cross", environment: environment)
      let start = LatencyRecorder.now()
      for bar in bars { try strategy.onBar(bar) }
      let seconds = Double(LatencyRecorder.now() - start) / 1e9
      best = min(best, seconds)
      intents = environment.intents
    }
    print(
      "ema-cross on_bar (dlopen'ed strategy + 2 dlopen'ed EMA indicators): "
        + "\(format(Double(bars.count) / best / 1e6)) M bars/s, \(intents) intents")

    let environment = BenchEnvironment()
    let strategy = try registry.makeStrategy("ema-cross", environment: environment)
    var recorder = LatencyRecorder(capacity: bars.count)
    for bar in bars {
      let before = LatencyRecorder.now()
      try strategy.onBar(bar)
      recorder.record(LatencyRecorder.now() - before)
    }
    report("ema-cross on_bar latency", recorder)
  }


  static func benchModel(_ registry: PluginRegistry) throws {
    let model = try registry.makeModel(
      "logistic-regression", parameters: [("features", "8")], environment: BenchEnvironment())
    let features = (0..<8).map { Double($0) / 8 }
    var recorder = LatencyRecorder(capacity: 100_000)
    try features.withUnsafeBufferPointer { buffer in
      for _ in 0..<100_000 {
        let before = LatencyRecorder.now()
        _ = try model.predict(buffer)
        recorder.record(LatencyRecorder.now() - before)
      }
    }
    report("logistic-regression predict (8 features) latency", recorder)
  }

  static func report(_ name: String, _ recorder: LatencyRecorder) {
    let p = recorder.percentiles()
    print(
      "\(name): p50 \(p.p50) ns, p99 \(p.p99) ns, p99.9 \(p.p999) ns, max \(p.max) ns (incl. ~20 ns clock read)"
    )
  }

  static func format(_ value: Double) -> String { String(format: "%.2f", value) }
}
