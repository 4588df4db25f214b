import Foundation

/// Reads back an audit log (`AuditTrail`'s JSON lines) for a resumed session.
enum AuditLines {
  /// The lines of the audit log at `path` whose `time_ns` is at or after `start` (market time),
  /// without their newlines; `[]` when the file is missing or unreadable (then a resumed session
  /// writes its replay's records again rather than lose one). A torn or foreign line is skipped.
  static func since(_ start: Int64, path: String?) -> [String] {
    guard let path, let data = FileManager.default.contents(atPath: path) else { return [] }
    let key = "\"time_ns\":"
    return String(decoding: data, as: UTF8.self).split(separator: "\n").compactMap { line in
      guard let found = line.range(of: key) else { return nil }
      let digits = line[found.upperBound...].prefix { $0 == "-" || $0.isASCII && $0.isNumber }
      guard let time = Int64(digits), time >= start else { return nil }
      return String(line)
    }
  }
}
