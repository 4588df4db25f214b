import Foundation

/// Copies plugin libraries to unique private paths before `dlopen`.
///
/// `dlopen` returns the already-loaded image for a path (or inode) it has seen, so loading a new
/// version of a library from the same path would silently reuse the old code. Each load therefore
/// gets its own copy under a per-process directory only the owner can read (0700). The copy is
/// removed once loaded: the mapping keeps the image alive, and nothing is left behind if the host
/// dies. Names never repeat within a process (a counter), so `dlopen` can never confuse two loads.
///
/// Used on the loader thread; the counter is not shared across threads.
public final class LibraryStaging {
  /// The directory copies are written to.
  public let directory: String
  private var counter = 0

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
    counter += 1
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
