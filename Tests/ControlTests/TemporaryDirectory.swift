import Foundation
import Glibc

/// A fresh directory under /tmp with a short name (a socket path must fit in 107 bytes), removed
/// with everything in it when the value goes away.
struct TemporaryDirectory: ~Copyable {
  let path: String

  init() {
    // mkdtemp(3) replaces the template's trailing six X characters with a unique suffix.
    let uniqueSuffix = String(repeating: "X", count: 6)
    var template = Array("/tmp/ctl-\(uniqueSuffix)".utf8CString)
    let created = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
    precondition(created != nil, "mkdtemp failed: errno \(errno)")
    path = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
  }

  /// `path/name`.
  func file(_ name: String) -> String {
    "\(path)/\(name)"
  }

  deinit {
    try? FileManager.default.removeItem(atPath: path)
  }
}

/// The permission bits (and file type) of `path`, or nil when it does not exist.
func fileMode(_ path: String) -> mode_t? {
  var status = stat()
  return lstat(path, &status) == 0 ? status.st_mode : nil
}

/// Whether something exists at `path` (without following a symbolic link).
func exists(_ path: String) -> Bool {
  fileMode(path) != nil
}
