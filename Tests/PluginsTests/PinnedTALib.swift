import Foundation
import HostTestKit

/// TA-Lib's values pinned by `Tests/Fixtures/talib/make_pinned.py` (`pinned.csv`): per bar file,
/// indicator configuration and output, TA-Lib's lookback and its value at selected bars.
struct PinnedTALib {
  /// One indicator configuration on one file.
  struct Case: CustomStringConvertible {
    var file: String
    var indicator: String
    var parameters: [(String, String)]
    var lookback: Int
    /// Pinned (bar, value) pairs by output name.
    var values: [String: [(bar: Int, value: Double)]]

    var description: String {
      "\(indicator)(\(parameters.map { "\($0)=\($1)" }.joined(separator: ", "))) on \(file)"
    }
  }

  static let path = RepositoryPaths.fixtures + "/talib/pinned.csv"

  /// Every case, in file order.
  static func cases() throws -> [Case] {
    let text: String
    do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
      throw ReferenceDataError("cannot read \(path): \(error)")
    }
    var cases: [Case] = []
    var lineNumber = 0
    for line in text.split(whereSeparator: \.isNewline) {
      lineNumber += 1
      if line.hasPrefix("#") || line.hasPrefix("file,") { continue }
      let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      guard fields.count == 7, let lookback = Int(fields[3]), let bar = Int(fields[5]),
        let value = Double(fields[6])
      else { throw ReferenceDataError("\(path):\(lineNumber): malformed line") }
      let parameters: [(String, String)] = fields[2].split(separator: ";").map { pair in
        let parts = pair.split(separator: "=", maxSplits: 1)
        return (String(parts[0]), parts.count > 1 ? String(parts[1]) : "")
      }
      if let last = cases.last, last.file == fields[0], last.indicator == fields[1],
        last.parameters.map({ "\($0)=\($1)" }) == parameters.map({ "\($0)=\($1)" })
      {
        cases[cases.count - 1].values[fields[4], default: []].append((bar, value))
      } else {
        cases.append(
          Case(
            file: fields[0], indicator: fields[1], parameters: parameters, lookback: lookback,
            values: [fields[4]: [(bar, value)]]))
      }
    }
    return cases
  }
}
