import Foundation
import HostTestKit
import PluginHost
import PluginManifest
import Testing

/// The loader refuses a foreign library's manifest that disagrees with the library or with
/// itself, with one error naming the manifest and the function (`Tests/Fixtures/ffi/bad/`).
@Suite struct ForeignLoaderTests {
  static func bad(_ name: String) -> String { RepositoryPaths.fixtures + "/ffi/bad/\(name).yaml" }

  static func failure(_ name: String) throws -> PluginLoadError {
    try Fixtures.requireBuilt()
    switch PluginLoader().load(manifestPath: bad(name)) {
    case .success: throw TestKitError("\(name) loaded but must not")
    case .failure(let error): return error
    }
  }

  @Test("a declared function the library does not export")
  func symbolMissing() throws {
    let error = try Self.failure("symbol-missing")
    #expect(error.plugin == "fx-symbol-missing")
    #expect(error.file == Self.bad("symbol-missing"))
    #expect(
      error.cause
        == .foreignSymbolMissing(
          key: "function", symbol: "fx_smaa",
          library: RepositoryPaths.fixtureLibraries + "/libfixture_ffi.so"))
    #expect(error.description.hasSuffix("ffi.function declares fx_smaa, which \(RepositoryPaths.fixtureLibraries)/libfixture_ffi.so does not export"))
  }

  @Test("an initialize function that fails refuses the load")
  func initializeFails() throws {
    let error = try Self.failure("init-fails")
    #expect(error.cause == .foreignCallFailed("ffi.initialize: fx_refuse_init returned 7"))
  }

  @Test("arguments that do not match the declared arity, an unknown type, a wrong type")
  func declarationMistakes() throws {
    let cases = [
      ("arity", 16, "ffi.function: fx_sma is declared with 7 parameters, but the manifest's inputs, arguments and outputs need 8: startIdx, endIdx, input 1, argument `period` (an int parameter), argument `scale` (a float parameter), outBegIdx, outNBElement, output `value`"),
      ("unknown-type", 15, "ffi.function: the return type: unknown type `TA_RetCode`; write the C type it stands for"),
      ("wrong-type", 15, "ffi.state_new: fx_ema_new's parameter 1 (period) is double, but argument `period` (an int parameter) needs int, unsigned int or long"),
      ("wrong-type", 17, "ffi.value: fx_ema_value returns int, but must return double"),
    ]
    for (name, line, message) in cases {
      let error = try Self.failure(name)
      guard case .manifest(let problems) = error.cause else {
        Issue.record("\(name): \(error)")
        continue
      }
      #expect(
        problems.contains { $0.line == line && $0.message.hasPrefix(message) },
        "\(name): \(problems.map(\.description))")
      #expect(problems.allSatisfy { $0.file == Self.bad(name) })
    }
  }

  @Test("a foreign library is checked against plugins.lock like any plugin library")
  func checksum() throws {
    try Fixtures.requireBuilt()
    let plugin = try PluginLoader().load(manifestPath: RepositoryPaths.fixtures + "/ffi/fx-ema.yaml").get()
    #expect(plugin.checksum != nil)
    #expect(plugin.language == .c)
    #expect(plugin.outputNames == ["value"])
  }
}
