import CTradeHostPlugin
import Foundation

/// The SPY daily bars and the TA-Lib values computed from them (`../shared/data`, beside the
/// repository; see `reference/*.meta.json` for the TA-Lib version and parameters).
struct ReferenceData {
  /// One row of the bar file.
  struct Row {
    var open: Double
    var high: Double
    var low: Double
    var close: Double
    var volume: Double
  }

  /// The bars, oldest first.
  let rows: [Row]
  /// TA-Lib's outputs by column name (`sma_20`, `ema_20`, `rsi_14`, `atr_14`, ...); NaN inside
  /// the lookback.
  let columns: [String: [Double]]

  /// `../shared/data`, found from this file's path so any working directory works.
  static let directory: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()
    .appendingPathComponent("../../../shared/data")
    .standardizedFileURL

  /// Loaded once for the whole test run.
  static let spyDaily: Result<ReferenceData, ReferenceDataError> = Result {
    try ReferenceData(
      bars: directory.appendingPathComponent("bars/spy_1d_trade_bars_19980102_20210331.csv"),
      reference: directory.appendingPathComponent(
        "reference/spy_1d_trade_bars_19980102_20210331.talib.csv"))
  }.mapError { $0 as? ReferenceDataError ?? ReferenceDataError("\($0)") }

  init(bars: URL, reference: URL) throws {
    let barTable = try Self.table(bars)
    let required = ["open", "high", "low", "close", "volume"]
    for name in required where barTable[name] == nil {
      throw ReferenceDataError("\(bars.path) has no column \(name)")
    }
    let count = barTable["close"]!.count
    rows = (0..<count).map { index in
      Row(
        open: barTable["open"]![index], high: barTable["high"]![index],
        low: barTable["low"]![index], close: barTable["close"]![index],
        volume: barTable["volume"]![index])
    }
    columns = try Self.table(reference)
    for (name, values) in columns where values.count != count {
      throw ReferenceDataError("column \(name) has \(values.count) rows, the bars \(count)")
    }
  }

  /// Bar `index` as the ABI carries it (one bar per day, closing at midnight UTC of day index+1).
  func bar(_ index: Int, instrumentID: UInt32 = 1) -> th_bar {
    let row = rows[index]
    return th_bar(
      struct_size: UInt32(MemoryLayout<th_bar>.size), instrument_id: instrumentID,
      ts_event: Int64(index + 1) * 86_400_000_000_000, open: row.open, high: row.high,
      low: row.low, close: row.close, volume: row.volume, aggregation: 0, reserved: 0, step: 0)
  }

  /// A reference column; throws if the file lacks it.
  func column(_ name: String) throws -> [Double] {
    guard let values = columns[name] else {
      throw ReferenceDataError("no reference column \(name)")
    }
    return values
  }

  /// Reads a CSV with a header line; the first column (a date) is skipped, empty fields are NaN.
  private static func table(_ url: URL) throws -> [String: [Double]] {
    let text: String
    do { text = try String(contentsOf: url, encoding: .utf8) } catch {
      throw ReferenceDataError("cannot read \(url.path): \(error)")
    }
    var lines = text.split(whereSeparator: \.isNewline).makeIterator()
    guard let header = lines.next() else { throw ReferenceDataError("\(url.path) is empty") }
    let names = header.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    var values = [[Double]](repeating: [], count: names.count)
    var lineNumber = 1
    while let line = lines.next() {
      lineNumber += 1
      let fields = line.split(separator: ",", omittingEmptySubsequences: false)
      guard fields.count == names.count else {
        throw ReferenceDataError(
          "\(url.path):\(lineNumber): \(fields.count) fields, expected \(names.count)")
      }
      for index in 1..<fields.count {
        let field = fields[index]
        if field.isEmpty {
          values[index].append(.nan)
        } else if let number = Double(field) {
          values[index].append(number)
        } else {
          throw ReferenceDataError("\(url.path):\(lineNumber): \(field) is not a number")
        }
      }
    }
    var result: [String: [Double]] = [:]
    for index in 1..<names.count { result[names[index]] = values[index] }
    return result
  }
}

/// Why the reference data could not be read.
struct ReferenceDataError: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}
