import Backtest
import Foundation
import Kernel
import PluginHost
import Store

/// The parity loop with the write-ahead journal on, beside the same loop without it, run in
/// turns (off, on, off, on, ...) so both see the same machine: SQLite in WAL mode with
/// synchronous=NORMAL in a temporary folder, and PostgreSQL when `TRADEHOST_BENCH_POSTGRES`
/// names a server (`.ci/postgres start` prints one). The loop's time ends with the last event;
/// the writer's drain after it is reported apart.
enum JournalBench {
  static func run(_ registry: PluginRegistry) throws {
    let folder = NSTemporaryDirectory() + "tradehost-bench-journal-\(getpid())"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    var stores: [(String, (Int) throws -> any Store)] = [
      (
        "SQLite WAL, synchronous=NORMAL",
        { try StoreLocation.sqlite(path: folder + "/journal-\($0).sqlite").open(create: true) }
      )
    ]
    if let url = ProcessInfo.processInfo.environment["TRADEHOST_BENCH_POSTGRES"], !url.isEmpty {
      stores.append(("PostgreSQL, loopback", { _ in try StoreLocation.postgres(url: url).open(create: true) }))
    }
    for (label, make) in stores {
      var off = Double.infinity
      var on = Double.infinity
      var drain = 0.0
      var records = 0
      var denied = 0
      for round in 0..<5 {
        off = min(off, try loop(registry, journal: nil).seconds)
        let store = try make(round)
        try store.migrate(at: 0)
        let journal = Journal(store: store, session: try store.beginSession(at: 0, note: "bench"))
        try journal.start()
        let (seconds, refused) = try loop(registry, journal: journal)
        let closeStart = LatencyRecorder.now()
        if let error = journal.close(stoppedAt: 0) { throw error }
        if seconds < on {
          on = seconds
          drain = Double(LatencyRecorder.now() - closeStart) / 1e6
          records = journal.committedCount
          denied = refused
        }
      }
      let events = 100_184.0
      print(
        "kernel loop, journal off / on (\(label)): \(BenchMain.format(events / off / 1e6)) / "
          + "\(BenchMain.format(events / on / 1e6)) M bars/s (on is \(BenchMain.format((on / off - 1) * 100))% slower; "
          + "\(records) records, \(denied) orders denied for back-pressure, \(BenchMain.format(drain)) ms "
          + "to drain after the loop; best of 5 each, in turns)")
    }
  }

  /// One pass of the parity workload: the loop's seconds and the orders denied because the
  /// journal could not take them.
  static func loop(_ registry: PluginRegistry, journal: Journal?) throws -> (
    seconds: Double, denied: Int
  ) {
    let prepared = try BacktestRunner.prepare(
      KernelBench.plan(), registry: registry, cacheDirectory: nil, log: KernelLog.discard)
    prepared.kernel.journal = journal
    let start = LatencyRecorder.now()
    for event in prepared.events { prepared.kernel.process(event) }
    let seconds = Double(LatencyRecorder.now() - start) / 1e9
    return (seconds, prepared.kernel.denialCounts[Int(DenialReason.journalUnavailable.code)])
  }
}
