import Backtest
import Foundation
import Kernel
import PluginHost
import Store

/// The parity loop with the write-ahead journal on, beside the same loop without it: SQLite in
/// WAL mode with synchronous=NORMAL in a temporary folder, and PostgreSQL when
/// `TRADEHOST_BENCH_POSTGRES` names a server (`.ci/postgres start` prints one).
enum JournalBench {
  static func run(_ registry: PluginRegistry, journalOff: Double) throws {
    let folder = NSTemporaryDirectory() + "tradehost-bench-journal-\(getpid())"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    var stores: [(String, () throws -> any Store)] = []
    var run = 0
    stores.append((
      "SQLite WAL, synchronous=NORMAL",
      {
        run += 1
        return try StoreLocation.sqlite(path: folder + "/journal-\(run).sqlite").open(create: true)
      }
    ))
    if let url = ProcessInfo.processInfo.environment["TRADEHOST_BENCH_POSTGRES"], !url.isEmpty {
      stores.append(("PostgreSQL (loopback)", { try StoreLocation.postgres(url: url).open(create: true) }))
    }
    for (label, make) in stores {
      var best = Double.infinity
      var drain = 0.0
      var records = 0
      for _ in 0..<3 {
        let store = try make()
        try store.migrate(at: 0)
        let session = try store.beginSession(at: 0, note: "bench")
        let journal = Journal(store: store, session: session)
        try journal.start()
        let prepared = try BacktestRunner.prepare(
          KernelBench.plan(), registry: registry, cacheDirectory: nil, log: KernelLog.discard)
        prepared.kernel.journal = journal
        let start = LatencyRecorder.now()
        for event in prepared.events { prepared.kernel.process(event) }
        let loop = Double(LatencyRecorder.now() - start) / 1e9
        let closeStart = LatencyRecorder.now()
        if let error = journal.close(stoppedAt: 0) { throw error }
        if loop < best {
          best = loop
          drain = Double(LatencyRecorder.now() - closeStart) / 1e6
          records = journal.committedCount
        }
      }
      let events = 100_184.0
      print(
        "kernel loop with the journal on (\(label)): \(BenchMain.format(events / best / 1e6)) M bars/s "
          + "(\(BenchMain.format((best / journalOff - 1) * 100))% slower than off; \(records) records, "
          + "\(BenchMain.format(drain)) ms to drain after the loop; best of 3)")
    }
  }
}
