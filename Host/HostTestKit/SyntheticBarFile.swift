import Foundation
import TradingModel

/// Writes a bar file (`ts_utc,open,high,low,close,volume`, one-minute bars from 2020-01-06, a
/// Monday) of a seeded price path: the selector's tests search these for a signal.
public enum SyntheticBarFile {
  /// What drives the closes.
  public enum Path: Sendable {
    /// A random walk: each bar's log return is normal with this standard deviation. No
    /// strategy can have an edge on it.
    case randomWalk(volatility: Double)
    /// Trends: the drift flips sign every `regime` bars (give or take a quarter), with normal
    /// noise on top, so a trend follower tuned to the regime length earns.
    case trending(drift: Double, volatility: Double, regime: Int)
  }

  /// Writes `bars` bars of `path` from `seed` to `file` (prices with two decimals, from 100).
  public static func write(_ path: Path, bars: Int, seed: UInt64, to file: String) throws {
    var random = SplitMix64(seed: seed)
    var text = "ts_utc,open,high,low,close,volume\n"
    text.reserveCapacity(bars * 56)
    var logPrice = log(100.0)
    var previous = 100.0
    var sign = 1.0
    var regimeLeft = 0
    let start: Int64 = 1_578_268_800  // 2020-01-06T00:00:00Z
    let formatter = ISO8601DateFormatter()
    formatter.timeZone = TimeZone(identifier: "UTC")
    for index in 0..<bars {
      switch path {
      case .randomWalk(let volatility):
        logPrice += volatility * random.normal()
      case .trending(let drift, let volatility, let regime):
        if regimeLeft == 0 {
          sign = -sign
          regimeLeft = regime * 3 / 4 + Int(random.next() % UInt64(Swift.max(1, regime / 2)))
        }
        regimeLeft -= 1
        logPrice += sign * drift + volatility * random.normal()
      }
      let close = (exp(logPrice) * 100).rounded() / 100
      let open = previous
      let high = Swift.max(open, close)
      let low = Swift.min(open, close)
      previous = close
      let time = formatter.string(
        from: Date(timeIntervalSince1970: TimeInterval(start + Int64(index) * 60)))
      text += "\(time),\(price(open)),\(price(high)),\(price(low)),\(price(close)),1000\n"
    }
    try text.write(toFile: file, atomically: true, encoding: .utf8)
  }

  private static func price(_ value: Double) -> String { String(format: "%.2f", value) }
}
