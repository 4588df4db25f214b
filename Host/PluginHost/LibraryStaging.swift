import CSealedFile

#if canImport(Glibc)
  import Glibc
#endif

/// Raised once per process, on first use (a global's initializer runs exactly once).
private let descriptorLimitRaised: Bool = {
  var limit = rlimit()
  let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
  guard getrlimit(resource, &limit) == 0, limit.rlim_cur < limit.rlim_max else { return false }
  limit.rlim_cur = limit.rlim_max
  return setrlimit(resource, &limit) == 0
}()

/// Stages each plugin library in a sealed anonymous memory file before `dlopen`, so that no one
/// can change the bytes between the loader's checks and the load.
///
/// A copy in a folder (what this type did before) can be swapped by another local user who
/// made the folder first, or, in a folder of ours, raced on the way in. A memory file (Linux
/// `memfd_create`) has no name in any folder: the bytes are written into it, then it is sealed
/// (no write, no resize, no seal change, for every process including this one), then read back,
/// and the loader checks exactly those bytes (ELF, toolchain, SHA-256) and `dlopen`s them through
/// `/proc/self/fd/N`. Nothing is written to disk, so nothing is left behind when the host exits
/// or dies.
///
/// `dlopen` returns the image it already holds for a path name it has seen, so no two loads
/// may ever use the same `/proc/self/fd/N`: the descriptor of a library that was `dlopen`ed is
/// therefore never closed (images are never unloaded either, see `DynamicLibrary`), and a new
/// load always gets a new number. Each loaded image costs one descriptor; `discard` closes the
/// descriptor of a staging whose `dlopen` failed (no image holds its name). Since a host that
/// reloads often holds many, the first staging object raises the process's soft limit of open
/// descriptors to its hard limit (what the system already allows it; the usual soft limit,
/// 1024, is a leftover of `select`, which nothing here uses).
///
/// Safe from any thread (it holds no state).
public final class LibraryStaging: Sendable {
  public init() {
    _ = descriptorLimitRaised
  }

  /// Copies `bytes` into a new sealed memory file named `tradehost:<id>-<version>` (visible in
  /// /proc/self/maps) and returns it with the bytes read back from it.
  public func stage(_ bytes: [UInt8], id: String, version: String)
    throws(PluginLoadError.Cause) -> StagedLibrary
  {
    let descriptor = th_sealed_file_create("tradehost:\(id)-\(version)")
    guard descriptor >= 0 else { throw .stagingFailed(Self.failure("create a memory file")) }
    do throws(PluginLoadError.Cause) {
      try Self.write(bytes, to: descriptor)
      guard th_sealed_file_seal(descriptor) == 0 else {
        throw .stagingFailed(Self.failure("seal the memory file"))
      }
      let staged = try Self.read(descriptor, count: bytes.count)
      return StagedLibrary(descriptor: descriptor, bytes: staged)
    } catch {
      close(descriptor)
      throw error
    }
  }

  /// Closes a staging that was never `dlopen`ed successfully (a failed check or a failed
  /// `dlopen`). Never call it for a library that is loaded: its path name must stay unique.
  public func discard(_ staged: StagedLibrary) {
    close(staged.descriptor)
  }

  private static func write(_ bytes: [UInt8], to descriptor: Int32)
    throws(PluginLoadError.Cause)
  {
    var offset = 0
    let failed = bytes.withUnsafeBytes { buffer -> Bool in
      while offset < buffer.count {
        let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
        if written < 0 {
          if errno == EINTR { continue }
          return true
        }
        offset += written
      }
      return false
    }
    if failed { throw .stagingFailed(failure("write the memory file")) }
  }

  /// Reads the sealed file back, from its start: what the checks see is what `dlopen` maps.
  private static func read(_ descriptor: Int32, count: Int) throws(PluginLoadError.Cause)
    -> [UInt8]
  {
    var bytes = [UInt8](repeating: 0, count: count)
    var offset = 0
    let failed = bytes.withUnsafeMutableBytes { buffer -> Bool in
      while offset < buffer.count {
        let got = pread(descriptor, buffer.baseAddress! + offset, buffer.count - offset, offset)
        if got < 0 && errno == EINTR { continue }
        if got <= 0 { return true }
        offset += got
      }
      return false
    }
    if failed { throw .stagingFailed(failure("read the memory file back")) }
    return bytes
  }

  private static func failure(_ action: String) -> String {
    "cannot \(action): \(String(cString: strerror(errno)))"
  }
}
