/// A plugin library staged by `LibraryStaging`: a sealed memory file that no process can change,
/// and the bytes read back from it, which the loader checks before it `dlopen`s `path`.
///
/// Immutable; any thread.
public struct StagedLibrary: Sendable {
  /// The memory file's descriptor (open for the life of the image once loaded).
  public let descriptor: Int32
  /// The staged bytes, exactly what `dlopen` maps.
  public let bytes: [UInt8]

  /// The name `dlopen` opens: the descriptor through /proc.
  public var path: String { "/proc/self/fd/\(descriptor)" }
}
