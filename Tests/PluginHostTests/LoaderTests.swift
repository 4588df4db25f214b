import CTradeHostPlugin
import Foundation
import HostTestKit
import PluginHost
import PluginManifest
import Testing

@Suite("Loader: plugins that load")
struct LoaderTests {
  @Test("the C fixture loads and reports what its descriptor says")
  func goodFixture() throws {
    let plugin = try Fixtures.load("fixture-good").get()
    #expect(plugin.id == "fixture-good")
    #expect(plugin.libraryID == "fixture-strategy")
    #expect(plugin.kind == .strategy)
    #expect(plugin.language == .c)
    #expect(plugin.toolchain == nil)
    #expect(plugin.abiMajor == 1 && plugin.abiMinor == 5)
  }

  @Test("a plugin built against a newer minor with longer structs loads and works")
  func newerMinor() throws {
    let registry = try Fixtures.registry("newer-minor")
    let plugin = try #require(registry.plugin("newer-minor"))
    #expect(plugin.abiMinor == 9)
    let environment = RecordingEnvironment()
    environment.setMark(10, instrument: 1)
    let strategy = try registry.makeStrategy("newer-minor", environment: environment)
    try strategy.onBar(makeBar(time: 1, close: 10))
    try strategy.onBar(makeBar(time: 2, close: 11))
    #expect(environment.intents.count == 1)
  }

  @Test("every load gets its own sealed memory file; two loads of one library are two images")
  func sideBySide() throws {
    let loader = PluginLoader()
    let first = try loader.load(manifestPath: Fixtures.manifest("fixture-good")).get()
    let second = try loader.load(manifestPath: Fixtures.manifest("fixture-good")).get()
    #expect(first.stagedPath.hasPrefix("/proc/self/fd/"))
    #expect(first.stagedPath != second.stagedPath)
    guard case .strategy(let a) = first.vtable, case .strategy(let b) = second.vtable else {
      throw TestKitError("not strategies")
    }
    // Distinct images: their functions live at different addresses.
    #expect(
      unsafeBitCast(a.pointee.on_bar, to: UInt.self)
        != unsafeBitCast(b.pointee.on_bar, to: UInt.self))
    // The descriptors stay open, so no later load can be handed the same path name (dlopen
    // would return the old image for it).
    for path in [first.stagedPath, second.stagedPath] {
      let descriptor = Int32(path.dropFirst("/proc/self/fd/".count))!
      #expect(fcntl(descriptor, F_GETFD) >= 0)
    }
  }

  @Test("two loaders never share a path, so never share an image")
  func twoLoaders() throws {
    try Fixtures.requireBuilt()
    let first = try PluginLoader().load(manifestPath: Fixtures.manifest("fixture-good")).get()
    let second = try PluginLoader().load(manifestPath: Fixtures.manifest("fixture-good")).get()
    #expect(first.stagedPath != second.stagedPath)
    guard case .strategy(let a) = first.vtable, case .strategy(let b) = second.vtable else {
      throw TestKitError("not strategies")
    }
    #expect(
      unsafeBitCast(a.pointee.on_bar, to: UInt.self)
        != unsafeBitCast(b.pointee.on_bar, to: UInt.self))
  }

  @Test("sha256 through OpenSSL matches the FIPS 180-2 vector; a correct checksum loads")
  func checksum() throws {
    #expect(
      FileDigest.sha256Hex(Array("abc".utf8))
        == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    let directory = try TemporaryDirectory()
    let library = RepositoryPaths.fixtureLibraries + "/libfixture_good.so"
    let digest = FileDigest.sha256Hex([UInt8](try Fixtures.goodLibraryBytes()))
    let manifest = try directory.manifest(
      id: "checked", library: library, extra: "sha256: \(digest.uppercased())")
    _ = try PluginLoader().load(manifestPath: manifest).get()
  }

  @Test("an instance receives resolved parameters; bad overrides are refused before create")
  func parameters() throws {
    let registry = try Fixtures.registry("fixture-good")
    let environment = RecordingEnvironment()
    environment.setMark(10, instrument: 1)
    let strategy = try registry.makeStrategy(
      "fixture-good", parameters: [("qty", "2.5")], environment: environment)
    try strategy.onBar(makeBar(time: 1, close: 10))
    try strategy.onBar(makeBar(time: 2, close: 10.5))
    #expect(environment.intents.map(\.intent.quantity) == [2.5])

    let outOfBounds = #expect(throws: PluginCallError.self) {
      _ = try registry.makeStrategy(
        "fixture-good", parameters: [("qty", "1000")], environment: environment)
    }
    #expect(outOfBounds?.operation == "parameters")
    #expect(outOfBounds?.message.contains("qty") == true)
    let unknown = #expect(throws: PluginCallError.self) {
      _ = try registry.makeStrategy(
        "fixture-good", parameters: [("size", "1")], environment: environment)
    }
    #expect(unknown?.message.contains("size") == true)
  }

  @Test("a plugin's create error and on_bar error come back with its message")
  func pluginErrors() throws {
    let registry = try Fixtures.registry("fixture-good")
    let environment = RecordingEnvironment()
    let createError = #expect(throws: PluginCallError.self) {
      _ = try registry.makeStrategy(
        "fixture-good", parameters: [("fail_create", "true")], environment: environment)
    }
    #expect(createError?.operation == "create")
    #expect(createError?.status == th_status(TH_ERR_INVALID_ARGUMENT))
    #expect(createError?.message == "fail_create is set")

    let strategy = try registry.makeStrategy("fixture-good", environment: environment)
    let barError = #expect(throws: PluginCallError.self) {
      try strategy.onBar(makeBar(time: 1, close: -1))
    }
    #expect(
      barError?.description
        == "fixture-good: on_bar failed (TH_ERR_INVALID_ARGUMENT): negative close price")
    // The instance is still usable after an error.
    try strategy.onBar(makeBar(time: 2, close: 5))
  }

  @Test(
    "NULL and short arguments to the host table are answered with errors, not crashes; a 1.0 intent is read only as far as its size"
  )
  func malformedHostCalls() throws {
    let registry = try Fixtures.registry("fixture-good")
    let environment = RecordingEnvironment()
    environment.addInstrument(id: 1, symbol: "SPY")
    let strategy = try registry.makeStrategy(
      "fixture-good", parameters: [("abuse_host", "true")], environment: environment)
    try strategy.onBar(makeBar(time: 1, close: 10))
    // Only the well-formed ABI 1.0-sized intent got through, with its 1.1 fields zeroed.
    #expect(environment.intents.count == 1)
    let intent = try #require(environment.intents.first).intent
    #expect(intent.struct_size == UInt32(MemoryLayout<th_order_intent>.size))
    #expect(intent.win_probability == 0 && intent.payoff_ratio == 0)
    #expect(intent.parent_order_id == 0 && intent.oco_order_id == 0)
    #expect(intent.quantity == 1)
    #expect(
      environment.logs == [
        .init(plugin: "fixture-good", level: 2, message: "every malformed call was refused")
      ])
  }

  @Test("a refused intent reaches the plugin as an error status")
  func refusedIntent() throws {
    let registry = try Fixtures.registry("fixture-good")
    let environment = RecordingEnvironment()
    environment.refuseIntents(with: th_status(TH_ERR_REJECTED))
    let strategy = try registry.makeStrategy("fixture-good", environment: environment)
    try strategy.onBar(makeBar(time: 1, close: 10))
    let error = #expect(throws: PluginCallError.self) {
      try strategy.onBar(makeBar(time: 2, close: 11))
    }
    #expect(error?.status == th_status(TH_ERR_REJECTED))
  }

  @Test("state exports from one instance and imports into another; a wrong version is refused")
  func stateHandOver() throws {
    let registry = try Fixtures.registry("fixture-good")
    let environment = RecordingEnvironment()
    environment.setMark(10, instrument: 1)
    let old = try registry.makeStrategy("fixture-good", environment: environment)
    try old.onBar(makeBar(time: 1, close: 10))
    let state = try old.exportState()
    #expect(state.version == 1)
    #expect(state.bytes.count == 16)

    let new = try registry.makeStrategy("fixture-good", environment: environment)
    try new.importState(version: state.version, bytes: state.bytes)
    try new.onBar(makeBar(time: 2, close: 11))  // rising against the imported last close
    #expect(environment.intents.count == 1)

    let wrong = #expect(throws: PluginCallError.self) {
      try new.importState(version: 2, bytes: state.bytes)
    }
    #expect(wrong?.status == th_status(TH_ERR_STATE_VERSION))
    let short = #expect(throws: PluginCallError.self) {
      try new.importState(version: 1, bytes: [1, 2, 3])
    }
    #expect(short?.status == th_status(TH_ERR_INVALID_ARGUMENT))
  }
}
