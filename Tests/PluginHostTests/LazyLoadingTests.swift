import HostTestKit
import PluginHost
import Testing

@Suite("Lazy loading of a manifest folder")
struct LazyLoadingTests {
  @Test("only the plugins an instance needs are opened, on first use")
  func opensOnFirstUse() throws {
    let registry = PluginRegistry()
    try registry.loadDirectory(RepositoryPaths.manifests, lazily: true)
    #expect(registry.plugins.isEmpty)
    let environment = RecordingEnvironment()
    _ = try registry.makeStrategy("ema-cross", environment: environment)
    // The strategy asked the host for two `ema` indicators: that plugin opened too, no other.
    #expect(registry.plugins.map(\.id) == ["ema", "ema-cross"])
    #expect(registry.errors.isEmpty)
  }

  @Test("an unknown id names the plugins that could be opened")
  func unknownID() throws {
    let registry = PluginRegistry()
    try registry.loadDirectory(RepositoryPaths.manifests, lazily: true)
    let error = #expect(throws: PluginCallError.self) {
      try registry.makeStrategy("nope", environment: RecordingEnvironment())
    }
    #expect(error?.message.contains("ema-cross") == true)
  }
}
