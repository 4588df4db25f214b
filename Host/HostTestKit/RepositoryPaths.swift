import Foundation
import PluginHost

/// Where tests find the repository's files and build products. Computed from this source file's
/// location, so it works from any working directory.
public enum RepositoryPaths {
  /// The repository root.
  public static let root: String = {
    URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .standardizedFileURL.path
  }()
  /// `manifests/`: the shipped plugins' manifests.
  public static var manifests: String { root + "/manifests" }
  /// `.build/plugins/`: where `make plugins` puts the shipped libraries.
  public static var plugins: String { root + "/.build/plugins" }
  /// `.build/fixtures/`: where `make fixtures` puts the bad-input libraries.
  public static var fixtureLibraries: String { root + "/.build/fixtures" }
  /// `Tests/Fixtures/`.
  public static var fixtures: String { root + "/Tests/Fixtures" }
  /// `../shared/data`: the market data beside the repository.
  public static var sharedData: String {
    URL(fileURLWithPath: root + "/../shared/data").standardizedFileURL.path
  }
}

/// Loads the shipped plugins, failing with a clear message when `make plugins` has not run.
public enum TestPlugins {
  /// A registry of every manifest in `manifests/`. `lazily` reads the manifests only and opens a
  /// library when a test first makes an instance of its plugin (what tests that use a few of the
  /// many indicator plugins want).
  public static func registry(lazily: Bool = false) throws -> PluginRegistry {
    let registry = PluginRegistry()
    try registry.loadDirectory(RepositoryPaths.manifests, lazily: lazily)
    if let missing = registry.errors.first(where: { $0.cause == .libraryNotFound }) {
      throw TestKitError(
        "\(missing) -- run `make plugins` before `swift test` (or use `make test`)")
    }
    return registry
  }
}

/// A test-setup failure with a message.
public struct TestKitError: Error, CustomStringConvertible {
  public let description: String
  public init(_ description: String) { self.description = description }
}
