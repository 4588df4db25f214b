#if canImport(Glibc)
  import Glibc
#endif

/// An append-only journal bounded on disk: when an append would take the file past `limit`
/// bytes, the file is renamed to `<path>.1` (replacing the one rotated before) and a new, empty
/// file is started at `path`. So the journal never takes more than about twice `limit` bytes
/// (a single record longer than `limit` is still written whole, to a fresh file), and the
/// newest records are always in `path`, the ones before them in `<path>.1`.
///
/// Files are created with mode 0600 (`AppendOnlyFile`). The paper host's denial journal uses it.
///
/// One thread at a time (the kernel thread, between events); `append` blocks on the disk.
public final class RotatingFile {
  /// The current file.
  public let path: String
  /// The size after which the file is rotated, in bytes (at least 1).
  public let limit: Int
  /// The file the previous records were moved to on rotation.
  public var rotatedPath: String { path + ".1" }
  private let what: String
  private var file: AppendOnlyFile
  private var size: Int

  /// Opens (or creates) `path`, continuing an existing file; throws one sentence when it cannot.
  public init(path: String, what: String, limit: Int) throws(RiskError) {
    self.path = path
    self.what = what
    self.limit = max(1, limit)
    file = try AppendOnlyFile(path: path, what: what)
    var info = stat()
    size = stat(path, &info) == 0 ? Int(info.st_size) : 0
  }

  /// Appends `text` (whole records), rotating first when it would not fit. Returns the system's
  /// error text on failure; a failed rotation is reported and the record still appended to the
  /// current file (nothing is lost; the next append tries again).
  @discardableResult
  public func append(_ text: String, sync: Bool) -> String? {
    let count = text.utf8.count
    var problem: String?
    if size > 0, size + count > limit {
      problem = rotate()
    }
    if let error = file.append(text, sync: sync) {
      return [problem, error].compactMap { $0 }.joined(separator: "; ")
    }
    size += count
    return problem
  }

  /// Moves the file aside and opens a new one; the error text when either step fails. When the
  /// rename worked but the new file cannot be opened, records go on to the old descriptor (now
  /// the rotated file) and the next append tries to open the new file again.
  private func rotate() -> String? {
    if rename(path, rotatedPath) != 0, errno != ENOENT {
      let reason = String(cString: strerror(errno))
      return "cannot rotate the \(what) \(path) to \(rotatedPath): \(reason)"
    }
    do throws(RiskError) {
      file = try AppendOnlyFile(path: path, what: what)
      size = 0
      return nil
    } catch {
      return error.description
    }
  }
}
