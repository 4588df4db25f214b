import Foundation

/// The SPY daily bars and TA-Lib's `ATR(14)` of them, from `../shared/data` beside the
/// repository (`reference/*.talib.meta.json` names the TA-Lib version and parameters).
struct SPYDailyReference {
  /// High, low and close of each bar, oldest first.
  let bars: [(high: Double, low: Double, close: Double)]
  /// TA-Lib's `atr_14` per bar; NaN inside its lookback.
  let atr14: [Double]

  /// `../shared/data`, found from this file's real path (symlinks resolved), so any working
  /// directory and a checkout linked from elsewhere both work.
  static let directory: URL = URL(fileURLWithPath: #filePath)
    .resolvingSymlinksInPath()
    .deletingLastPathComponent()
    .appendingPathComponent("../../../shared/data")
    .standardizedFileURL

  /// Loaded once for the test run.
  static let shared: Result<SPYDailyReference, ReferenceError> = Result {
    let bars = try table(
      directory.appendingPathComponent(
        "bars/spy_1d_trade_bars_19980102_20210331.csv"))
    let reference = try table(
      directory.appendingPathComponent(
        "reference/spy_1d_trade_bars_19980102_20210331.talib.csv"))
    guard let high = bars["high"], let low = bars["low"], let close = bars["close"] else {
      throw ReferenceError("the bar file lacks high, low or close")
    }
    guard let atr = reference["atr_14"], atr.count == close.count else {
      throw ReferenceError("the reference lacks atr_14 or has another row count")
    }
    return SPYDailyReference(
      bars: (0..<close.count).map { (high[$0], low[$0], close[$0]) }, atr14: atr)
  }.mapError { $0 as? ReferenceError ?? ReferenceError("\($0)") }

  /// A CSV with a header line as columns by name; the first column (a date) is skipped and
  /// empty fields are NaN.
  private static func table(_ url: URL) throws -> [String: [Double]] {
    let text: String
    do { text = try String(contentsOf: url, encoding: .utf8) } catch {
      throw ReferenceError("cannot read \(url.path): \(error)")
    }
    var lines = text.split(whereSeparator: \.isNewline).makeIterator()
    guard let header = lines.next() else { throw ReferenceError("\(url.path) is empty") }
    let names = header.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    var columns = [[Double]](repeating: [], count: names.count)
    var lineNumber = 1
    while let line = lines.next() {
      lineNumber += 1
      let fields = line.split(separator: ",", omittingEmptySubsequences: false)
      guard fields.count == names.count else {
        throw ReferenceError("\(url.path):\(lineNumber): \(fields.count) fields")
      }
      for index in 1..<fields.count {
        if fields[index].isEmpty {
          columns[index].append(.nan)
        } else if let number = Double(fields[index]) {
          columns[index].append(number)
        } else {
          throw ReferenceError("\(url.path):\(lineNumber): \(fields[index]) is not a number")
        }
      }
    }
    var result: [String: [Double]] = [:]
    for index in 1..<names.count { result[names[index]] = columns[index] }
    return result
  }
}

/// Why the reference data could not be read.
struct ReferenceError: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}
