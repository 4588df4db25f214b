import Foundation
import Glibc

/// The non-empty lines of the file at `path`, or `[]` when it does not exist.
func fileLines(_ path: String) -> [String] {
  guard let data = FileManager.default.contents(atPath: path) else { return [] }
  return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
}

/// `line` parsed as a JSON object, or nil.
func jsonObject(_ line: String) -> [String: Any]? {
  (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
}
