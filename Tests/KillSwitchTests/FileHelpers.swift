import Foundation
import Glibc

/// Writes `content` to `path` the way `echo content > path` does: create or truncate, write,
/// close (IN_CREATE for a new file, then IN_CLOSE_WRITE).
func writeFile(_ path: String, _ pieces: String...) throws {
  let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
  guard descriptor >= 0 else { throw POSIXError(.init(rawValue: errno)!) }
  defer { close(descriptor) }
  for piece in pieces {
    let bytes = Array(piece.utf8)
    guard write(descriptor, bytes, bytes.count) == bytes.count else {
      throw POSIXError(.init(rawValue: errno)!)
    }
  }
}

/// The content of `path`, or nil when it does not exist.
func readFile(_ path: String) -> String? {
  FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
}

func fileExists(_ path: String) -> Bool {
  var status = stat()
  return lstat(path, &status) == 0
}
