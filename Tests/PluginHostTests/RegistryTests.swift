import CTradeHostPlugin
import Foundation
import HostTestKit
import PluginHost
import PluginManifest
import Testing

@Suite("Registry")
struct RegistryTests {
  @Test("a folder with bad plugins still loads the good ones, recording each error")
  func mixedFolder() throws {
    try Fixtures.requireBuilt()
    let registry = PluginRegistry()
    try registry.loadDirectory(RepositoryPaths.fixtures + "/plugins")
    #expect(registry.plugin("fixture-good") != nil)
    #expect(registry.plugin("newer-minor") != nil)
    #expect(registry.plugin("fixture-venue") != nil)
    #expect(registry.plugin("fixture-venue-1-2") != nil)
    #expect(registry.plugin("fixture-stream-venue") != nil)
    #expect(registry.plugins.count == 5)
    #expect(registry.errors.count == registry.entries.count - 5)
    #expect(registry.errors.allSatisfy { !$0.description.isEmpty })
  }

  @Test("a second manifest with a taken id fails and the first one stays")
  func duplicateID() throws {
    let directory = try TemporaryDirectory()
    let library = RepositoryPaths.fixtureLibraries + "/libfixture_good.so"
    let first = try directory.manifest(id: "twin", library: library)
    let secondPath = directory.path + "/twin-copy.yaml"
    try FileManager.default.copyItem(atPath: first, toPath: secondPath)
    let registry = PluginRegistry()
    _ = try registry.load(manifestPath: first).get()
    guard case .failure(let error) = registry.load(manifestPath: secondPath) else {
      throw TestKitError("duplicate id accepted")
    }
    #expect(error.cause == .duplicateID(otherFile: first))
    #expect(registry.plugins.map(\.id) == ["twin"])
  }

  @Test("asking for an unknown id or the wrong kind is a clear error")
  func unknownAndWrongKind() throws {
    let registry = try Fixtures.registry("fixture-good")
    let environment = RecordingEnvironment()
    let unknown = #expect(throws: PluginCallError.self) {
      _ = try registry.makeIndicator("nope", environment: environment)
    }
    #expect(unknown?.message == "no loaded plugin has this id (loaded: fixture-good)")
    let wrongKind = #expect(throws: PluginCallError.self) {
      _ = try registry.makeIndicator("fixture-good", environment: environment)
    }
    #expect(wrongKind?.message == "is a strategy plugin, not an indicator")
  }

  @Test("a missing manifest folder is one error")
  func missingFolder() {
    let registry = PluginRegistry()
    #expect(throws: ManifestError.self) { try registry.loadDirectory("/nonexistent/manifests") }
  }
}
