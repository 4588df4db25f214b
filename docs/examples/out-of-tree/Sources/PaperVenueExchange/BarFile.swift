import Foundation
import PluginKit

/// One bar of the file the paper venue replays.
struct PaperBar: Sendable {
  var timestamp: Int64
  var symbol: String
  var open: Double
  var high: Double
  var low: Double
  var close: Double
  var volume: Double
}

/// Reads the CSV file of bars the paper venue replays:
/// ```
/// timestamp_ns,symbol,open,high,low,close,volume
/// 1700000060000000000,SPY,450.10,450.70,449.90,450.55,1200
/// ```
/// One bar per line (its close time in ns since the epoch, UTC), in any order: the bars are
/// sorted by time. Every malformed line is reported with its number.
enum BarFile {
  static let header = "timestamp_ns,symbol,open,high,low,close,volume"

  /// The bars of `path`, sorted by time (ties keep file order).
  static func read(_ path: String) throws -> [PaperBar] {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw PluginError.io("cannot read the bars file \(path)")
    }
    let lines = String(decoding: data, as: UTF8.self).split(
      separator: "\n", omittingEmptySubsequences: false)
    guard lines.first.map({ $0.trimmingCharacters(in: .whitespaces) }) == header else {
      throw PluginError.invalidArgument("\(path):1: the first line must be `\(header)`")
    }
    var bars: [PaperBar] = []
    for (index, line) in lines.enumerated().dropFirst() {
      let text = line.trimmingCharacters(in: .whitespacesAndNewlines)
      guard !text.isEmpty else { continue }
      guard let bar = parse(text) else {
        throw PluginError.invalidArgument(
          "\(path):\(index + 1): expected \(header) with high >= low and positive prices")
      }
      bars.append(bar)
    }
    return bars.enumerated()
      .sorted { ($0.element.timestamp, $0.offset) < ($1.element.timestamp, $1.offset) }
      .map(\.element)
  }

  /// One line, or nil when it is malformed.
  private static func parse(_ line: String) -> PaperBar? {
    let fields = line.split(separator: ",", omittingEmptySubsequences: false)
    guard fields.count == 7, let timestamp = Int64(fields[0]), !fields[1].isEmpty else {
      return nil
    }
    let numbers = fields[2...].compactMap { Double($0) }
    guard numbers.count == 5, numbers.allSatisfy(\.isFinite) else { return nil }
    let bar = PaperBar(
      timestamp: timestamp, symbol: String(fields[1]), open: numbers[0], high: numbers[1],
      low: numbers[2], close: numbers[3], volume: numbers[4])
    guard bar.high >= bar.low, bar.low > 0, bar.volume >= 0 else { return nil }
    return bar
  }
}
