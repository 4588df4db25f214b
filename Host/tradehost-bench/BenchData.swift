import CTradeHostPlugin
import Foundation

/// Bars for the benchmark: the SPY 1-second file beside the repository when present, otherwise a
/// seeded random walk of the same length (so `make bench` runs on a fresh clone alone).
enum BenchData {
  static func bars(repositoryRoot: String) -> (bars: [th_bar], source: String) {
    let path = repositoryRoot + "/../shared/data/bars/spy_1s_trade_bars_20131007_20131011.csv"
    if let text = try? String(contentsOfFile: path, encoding: .utf8) {
      var bars: [th_bar] = []
      bars.reserveCapacity(100_200)
      var time: Int64 = 0
      for line in text.split(separator: "\n").dropFirst() {
        let fields = line.split(separator: ",")
        guard fields.count >= 6, let open = Double(fields[1]), let high = Double(fields[2]),
          let low = Double(fields[3]), let close = Double(fields[4]),
          let volume = Double(fields[5])
        else { continue }
        time += 1_000_000_000
        bars.append(
          th_bar(
            struct_size: UInt32(MemoryLayout<th_bar>.size), instrument_id: 1, ts_event: time,
            open: open, high: high, low: low, close: close, volume: volume, aggregation: 0, reserved: 0, step: 0))
      }
      if !bars.isEmpty { return (bars, "SPY 1s bars (\(path.split(separator: "/").last!))") }
    }
    var state: UInt64 = 42
    var price = 170.0
    let bars = (0..<100_184).map { index -> th_bar in
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      price *= 1 + (Double(state >> 11) / Double(1 << 53) - 0.5) * 0.0004
      return th_bar(
        struct_size: UInt32(MemoryLayout<th_bar>.size), instrument_id: 1,
        ts_event: Int64(index) * 1_000_000_000, open: price, high: price, low: price,
        close: price, volume: 100, aggregation: 0, reserved: 0, step: 0)
    }
    return (bars, "a seeded random walk (the SPY file was not found)")
  }
}
