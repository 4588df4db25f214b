import Foundation

/// Reading a calendar file's text. Setup time; blocks on the file system.
enum CalendarFileText {
  /// The file's text as UTF-8, or a `CalendarError` naming the file.
  static func read(path: String, maximumSize: Int) throws(CalendarError) -> String {
    let attributes = try? FileManager.default.attributesOfItem(atPath: path)
    if let size = attributes?[.size] as? Int, size > maximumSize {
      throw CalendarError(file: path, message: "the file is larger than \(maximumSize) bytes")
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw CalendarError(file: path, message: "the file cannot be read (missing or not readable)")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw CalendarError(file: path, message: "the file is not UTF-8 text")
    }
    return text
  }
}
