#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A `dlopen`ed image. Never closed: the Swift runtime cannot unregister a Swift image's metadata
/// (swiftlang/swift#75889), so plugin images stay mapped for the life of the process (a retired
/// image costs about 42 kB; the registry reports how many it holds).
///
/// `dlopen` and `dlsym` are thread-safe; the loader calls them on the loader thread.
public struct DynamicLibrary: @unchecked Sendable {
  // @unchecked: the handle is an opaque token that dlsym accepts from any thread.
  let handle: UnsafeMutableRawPointer

  /// Opens `path` with `RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE`: every symbol is bound now (a
  /// missing dependency fails here, not at the first call), nothing leaks into the global
  /// namespace (two versions of one plugin coexist), and the image is never unmapped.
  public static func open(_ path: String) throws(PluginLoadError.Cause) -> DynamicLibrary {
    _ = dlerror()
    guard let handle = dlopen(path, RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE) else {
      let reason = dlerror().map { String(cString: $0) } ?? "unknown error"
      throw .dlopenFailed(reason)
    }
    return DynamicLibrary(handle: handle)
  }

  /// The address of an exported symbol, or nil.
  public func symbol(_ name: String) -> UnsafeMutableRawPointer? {
    dlsym(handle, name)
  }
}
