import Foundation
import HostTestKit
import MarketData
import Testing

/// Paths to the real market data beside the repository (`../shared/data`).
enum SharedData {
  static func path(_ relative: String) -> String { RepositoryPaths.sharedData + "/" + relative }
}

/// Nanoseconds in whole seconds / milliseconds / microseconds, for hand-converted timestamps.
func seconds(_ value: Int64) -> Int64 { value * 1_000_000_000 }
func millis(_ value: Int64) -> Int64 { value * 1_000_000 }
func micros(_ value: Int64) -> Int64 { value * 1_000 }

/// Files for the data tests in a fresh temporary directory (HostTestKit's).
extension TemporaryDirectory {
  /// Writes `text` (UTF-8) to `name` in the directory and returns its path.
  @discardableResult
  func write(_ name: String, _ text: String) throws -> String {
    try write(name, bytes: Array(text.utf8))
  }

  /// Writes `bytes` to `name` in the directory and returns its path.
  @discardableResult
  func write(_ name: String, bytes: [UInt8]) throws -> String {
    let file = path + "/" + name
    try Data(bytes).write(to: URL(fileURLWithPath: file))
    return file
  }

  /// Copies a shared-data file into the directory and returns the copy's path.
  func copy(shared relative: String) throws -> String {
    let file = path + "/" + (relative as NSString).lastPathComponent
    try FileManager.default.copyItem(atPath: SharedData.path(relative), toPath: file)
    return file
  }
}

/// The `DataError` `body` throws, or `nil` (recording an issue) when it throws none.
func dataError(
  sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void
) -> DataError? {
  do {
    try body()
    Issue.record("expected a DataError", sourceLocation: sourceLocation)
    return nil
  } catch let error as DataError {
    return error
  } catch {
    Issue.record("expected a DataError, got \(error)", sourceLocation: sourceLocation)
    return nil
  }
}

/// Reads `text` as a file named `name` in a temporary directory with `reader`.
func readText(
  _ text: String, name: String = "input.csv", reader: CSVReader = CSVReader()
) throws -> Result<MarketSeries, DataError> {
  let directory = try TemporaryDirectory()
  defer { directory.remove() }
  let path = try directory.write(name, text)
  do {
    return .success(try reader.read(path: path))
  } catch {
    return .failure(error)
  }
}

/// The error of reading `text` (recording an issue if it reads fine).
func readFailure(
  _ text: String, name: String = "input.csv", reader: CSVReader = CSVReader(),
  sourceLocation: SourceLocation = #_sourceLocation
) throws -> DataError? {
  switch try readText(text, name: name, reader: reader) {
  case .success(let series):
    Issue.record("expected an error, read \(series.count) events", sourceLocation: sourceLocation)
    return nil
  case .failure(let error):
    return error
  }
}
