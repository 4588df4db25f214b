/// Resolution of a manifest's `library` value to the path the loader opens.
enum LibraryPath {
  /// `library` resolved against the folder of `manifestFile`, which is itself resolved against
  /// `currentDirectory` when relative; lexically standardized (no `.`, `..` or repeated `/`),
  /// symlinks left alone. The result is always absolute.
  static func resolve(_ library: String, manifestFile: String, currentDirectory: String) -> String {
    if library.hasPrefix("/") { return standardize(library) }
    let manifest =
      manifestFile.hasPrefix("/") ? manifestFile : currentDirectory + "/" + manifestFile
    return standardize(standardize(manifest) + "/../" + library)
  }

  /// Removes empty and `.` components and folds `..` into its parent; `..` above `/` stays at `/`.
  static func standardize(_ path: String) -> String {
    var components: [Substring] = []
    for component in path.split(separator: "/", omittingEmptySubsequences: true) {
      switch component {
      case ".": continue
      case "..": if !components.isEmpty { components.removeLast() }
      default: components.append(component)
      }
    }
    return "/" + components.joined(separator: "/")
  }
}
