import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A fresh directory under /tmp for one test, with a short unique name (a Unix socket path in it
/// must fit in 107 bytes), removed with everything in it by `remove()` or when the last reference
/// goes away.
public final class TemporaryDirectory: Sendable {
  public let path: String

  /// A new directory `/tmp/PREFIX-<unique>`. Throws the system's error when it cannot be made.
  public init(prefix: String = "th-test") throws {
    // mkdtemp(3) turns the template's trailing six X characters into a unique suffix.
    let uniqueSuffix = String(repeating: "X", count: 6)
    var template = Array("/tmp/\(prefix)-\(uniqueSuffix)".utf8CString)
    let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) != nil }
    guard made else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    path = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
  }

  /// `path/name`.
  public func file(_ name: String) -> String {
    path + "/" + name
  }

  /// Removes the directory and everything in it (idempotent).
  public func remove() {
    try? FileManager.default.removeItem(atPath: path)
  }

  deinit {
    remove()
  }
}
