import Foundation
import HostTestKit
import PluginHost
import Testing

/// A manifest search path (`--manifests A --manifests B`): every folder's plugins are known,
/// and an id declared twice is an error that names both manifests, never a silent pick.
@Suite("Manifest search path")
struct SearchPathTests {
  /// Two folders: `twin` in both, `solo` only in the second.
  private func folders() throws -> (first: TemporaryDirectory, second: TemporaryDirectory) {
    try Fixtures.requireBuilt()
    let library = RepositoryPaths.fixtureLibraries + "/libfixture_good.so"
    let first = try TemporaryDirectory()
    let second = try TemporaryDirectory()
    _ = try first.manifest(id: "twin", library: library)
    _ = try second.manifest(id: "twin", library: library)
    _ = try second.manifest(id: "solo", library: library)
    return (first, second)
  }

  @Test(
    "plugins of every folder load; an id found in two folders names both files",
    arguments: [false, true])
  func duplicateAcrossFolders(lazily: Bool) throws {
    let (first, second) = try folders()
    let registry = PluginRegistry()
    try registry.loadDirectories([first.path, second.path], lazily: lazily)
    let environment = RecordingEnvironment()
    _ = try registry.makeStrategy("solo", environment: environment)
    let error = #expect(throws: PluginCallError.self) {
      _ = try registry.makeStrategy("twin", environment: environment)
    }
    #expect(
      error?.message.contains(first.path + "/twin.yaml") == true, "\(String(describing: error))")
    #expect(error?.message.contains(second.path + "/twin.yaml") == true)
    #expect(error?.message.contains("declared by 2 manifests") == true)
    let duplicate = registry.errors.first { $0.file == second.path + "/twin.yaml" }
    #expect(duplicate?.cause == .duplicateID(otherFile: first.path + "/twin.yaml"))
  }

  @Test("a folder of the path that does not exist is an error naming it")
  func missingFolder() throws {
    let (first, _) = try folders()
    let registry = PluginRegistry()
    let error = #expect(throws: (any Error).self) {
      try registry.loadDirectories([first.path, first.path + "/nowhere"])
    }
    #expect("\(String(describing: error))".contains(first.path + "/nowhere"))
  }
}
