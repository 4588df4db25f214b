import Foundation
import Kernel
import MarketData
import TradingModel

/// Writes a run's equity curve: `ts_utc,equity`, one row per event, ISO-8601 UTC with
/// nanoseconds trimmed to what is non-zero, equity as an exact decimal.
enum EquityCurveCSV {
  static func write(_ recorder: RunRecorder, currency: Currency, to path: String) throws {
    var text = "ts_utc,equity\n"
    text.reserveCapacity(recorder.curve.count * 40)
    for point in recorder.curve {
      text += TimestampText.iso8601(point.timestamp)
      text += ","
      text += FixedPoint.format(point.equity, precision: currency.precision)
      text += "\n"
    }
    try text.write(toFile: path, atomically: true, encoding: .utf8)
  }
}
