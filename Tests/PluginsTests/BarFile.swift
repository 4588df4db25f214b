import CTradeHostPlugin
import Foundation
import HostTestKit

/// A bar CSV from `../shared/data/bars`: a header line, a time key first, then `open`, `high`,
/// `low`, `close`, `volume` among the columns. Bars get consecutive timestamps one second apart
/// (the indicators under test do not read them).
struct BarFile {
  let name: String
  let bars: [th_bar]

  /// Files read so far, by name (each is read once per test process).
  nonisolated(unsafe) private static var cache: [String: BarFile] = [:]
  private static let lock = NSLock()

  static func named(_ name: String) throws -> BarFile {
    lock.lock()
    defer { lock.unlock() }
    if let file = cache[name] { return file }
    let file = try BarFile(name: name)
    cache[name] = file
    return file
  }

  private init(name: String) throws {
    self.name = name
    let path = RepositoryPaths.sharedData + "/bars/" + name
    let text: String
    do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
      throw ReferenceDataError("cannot read \(path): \(error)")
    }
    var lines = text.split(whereSeparator: \.isNewline).makeIterator()
    guard let header = lines.next() else { throw ReferenceDataError("\(path) is empty") }
    let names = header.split(separator: ",").map(String.init)
    let columns = try ["open", "high", "low", "close", "volume"].map { column in
      guard let index = names.firstIndex(of: column) else {
        throw ReferenceDataError("\(path) has no column \(column)")
      }
      return index
    }
    var bars: [th_bar] = []
    var lineNumber = 1
    while let line = lines.next() {
      lineNumber += 1
      let fields = line.split(separator: ",", omittingEmptySubsequences: false)
      let values = try columns.map { index in
        guard index < fields.count, let value = Double(fields[index]) else {
          throw ReferenceDataError("\(path):\(lineNumber): no number in column \(index + 1)")
        }
        return value
      }
      bars.append(
        th_bar(
          struct_size: UInt32(MemoryLayout<th_bar>.size), instrument_id: 1,
          ts_event: Int64(bars.count + 1) * 1_000_000_000, open: values[0], high: values[1],
          low: values[2], close: values[3], volume: values[4], aggregation: 0, reserved: 0, step: 0))
    }
    self.bars = bars
  }
}
