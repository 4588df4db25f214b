import Foundation
import Synchronization

/// Numbers staged copies across the whole process: `dlopen` matches an already-loaded image by
/// path name, so no two loads in one process may ever use the same path, whichever loader made it.
private let stagingCounter = Atomic<Int>(0)

/// Copies plugin libraries to unique private paths before `dlopen`.
///
/// `dlopen` returns the already-loaded image for a path (or inode) it has seen, so loading a new
/// version of a library from the same path would silently reuse the old code. Each load therefore
/// gets its own copy under a per-process directory only the owner can read (0700). The copy is
/// removed once loaded: the mapping keeps the image alive, and nothing is left behind if the host
/// dies. Names never repeat within a process (a counter), so `dlopen` can never confuse two loads.
///
/// Safe from any thread (the counter is a process-wide atomic).
public final class LibraryStaging: Sendable {
  /// The directory copies are written to.
  public let directory: String

  /// Stages under `base` (default: `$TMPDIR` or /tmp) in `tradehost-<uid>/<pid>`.
  public init(base: String? = nil) {
    let root = base ?? ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp"
    directory = "\(root)/tradehost-\(getuid())/\(getpid())"
  }

  /// Writes `bytes` to a new unique path and returns it.
  public func stage(_ bytes: [UInt8], id: String, version: String) throws(PluginLoadError.Cause)
    -> String
  {
    do {
      try FileManager.default.createDirectory(
        atPath: directory, withIntermediateDirectories: true,
        attributes: [.posixPermissions: 0o700])
    } catch {
      throw .stagingFailed("cannot create \(directory): \(error.localizedDescription)")
    }
    let counter = stagingCounter.add(1, ordering: .relaxed).newValue
    let safeID = String(id.map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : "_" })
    let path = "\(directory)/\(safeID)-\(version)-\(counter).so"
    guard
      FileManager.default.createFile(
        atPath: path, contents: Data(bytes), attributes: [.posixPermissions: 0o500])
    else { throw .stagingFailed("cannot write \(path)") }
    return path
  }

  /// Removes a staged copy (after `dlopen`, or after a failed load).
  public func discard(_ path: String) {
    try? FileManager.default.removeItem(atPath: path)
  }
}
