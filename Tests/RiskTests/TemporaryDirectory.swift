import Foundation
import Glibc

/// A fresh directory under /tmp for one test, removed by `remove()`.
struct TemporaryDirectory {
  let path: String

  init() throws {
    // mkdtemp replaces the trailing X characters with a unique name.
    var template = Array("/tmp/risk-tests-XXXXXX".utf8CString)
    guard let made = mkdtemp(&template) else { throw POSIXError(.init(rawValue: errno)!) }
    path = String(cString: made)
  }

  func file(_ name: String) -> String {
    path + "/" + name
  }

  func remove() {
    try? FileManager.default.removeItem(atPath: path)
  }
}

/// The non-empty lines of the file at `path`, or `[]` when it does not exist.
func fileLines(_ path: String) -> [String] {
  guard let data = FileManager.default.contents(atPath: path) else { return [] }
  return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
}

/// `line` parsed as a JSON object, or nil.
func jsonObject(_ line: String) -> [String: Any]? {
  (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
}
