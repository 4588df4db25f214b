import CTradeHostPlugin
import HostTestKit
import PluginHost
import PluginToolchain
import Testing

@Suite("Out-of-tree example: build and load", .timeLimit(.minutes(10)))
struct ManifestLoadTests {
  @Test("the example builds and its four manifests load with what their descriptors say")
  func loads() async throws {
    let registry = try await Example.registry()
    #expect(registry.plugins.map(\.id) == ["breakout", "close-venue", "momentum", "paper-venue"])

    let closeVenue = try #require(registry.plugin("close-venue"))
    #expect(closeVenue.kind == .exchange && closeVenue.language == .c)
    #expect(closeVenue.abiMinor == 5)

    let breakout = try #require(registry.plugin("breakout"))
    #expect(breakout.kind == .strategy)
    #expect(breakout.language == .swift)
    #expect(breakout.toolchain == PluginToolchain.current)
    #expect(breakout.libraryID == "breakout" && breakout.libraryVersion == "1.0.0")

    let venue = try #require(registry.plugin("paper-venue"))
    #expect(venue.kind == .exchange)
    #expect(venue.language == .swift)
    #expect(venue.capabilities?.order_types == 1 << UInt32(TH_ORDER_MARKET))
    #expect(venue.capabilities?.data_types == UInt32(TH_DATA_BARS))

    let momentum = try #require(registry.plugin("momentum"))
    #expect(momentum.kind == .strategy)
    #expect(momentum.language == .c)
    #expect(momentum.toolchain == nil)

    // Built and locked as documented: every library was checked against its plugins.lock.
    for plugin in registry.plugins {
      guard case .lockFile(let lock) = plugin.checksum?.source else {
        Issue.record("\(plugin.id) loaded without a checked digest")
        continue
      }
      #expect(lock.hasPrefix(ExampleBuild.scratch + "/"))
    }
  }
}
