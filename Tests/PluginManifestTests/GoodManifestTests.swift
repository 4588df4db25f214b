import Foundation
import PluginManifest
import Testing

@Suite("Valid manifests")
struct GoodManifestTests {
  @Test func strategy() throws {
    let manifest = try #require(Fixtures.good("strategy.yaml"))
    #expect(manifest.file == Fixtures.path("good/strategy.yaml"))
    #expect(manifest.id == "ema-cross")
    #expect(manifest.kind == .strategy)
    #expect(manifest.version == SemanticVersion("1.4.2-rc.1+build.7"))
    #expect(manifest.version.prerelease == "rc.1")
    #expect(manifest.version.build == "build.7")
    #expect(manifest.abi == ABIVersion(major: 1, minor: 0))
    #expect(manifest.library == "../lib/libema_cross.so")
    #expect(manifest.libraryPath == Fixtures.root + "/lib/libema_cross.so")
    #expect(manifest.sha256 == "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")
    #expect(manifest.entry == "tradehost_plugin_entry")
    #expect(manifest.toolchain == "swift-6.3.1")
    #expect(manifest.description == "Buys when the fast EMA crosses above the slow EMA.")
    #expect(manifest.stateVersion == 2)
    #expect(manifest.outputs.isEmpty)
    #expect(manifest.indicatorInput == nil)
    #expect(manifest.modelOutput == nil)
    #expect(manifest.venue == nil)

    let parameters = manifest.parameters
    #expect(
      parameters.map(\.name) == [
        "fast_period", "slow_period", "threshold", "allow_short", "sizing",
      ])
    #expect(parameters.map(\.line) == [12, 19, 20, 26, 29])
    #expect(
      parameters[0]
        == ParameterSpec(
          name: "fast_period", type: .int, defaultValue: .int(10), min: 2, max: 500, step: 1,
          description: "Length of the fast EMA in bars.", line: 12, column: 3))
    #expect(parameters[1].min == 3 && parameters[1].max == 1000 && parameters[1].step == nil)
    #expect(
      parameters[2].type == .float && parameters[2].defaultValue == .float(0.25)
        && parameters[2].step == 0.05)
    #expect(parameters[3].defaultValue == .bool(false))
    #expect(parameters[4].type == .enum)
    #expect(parameters[4].choices == ["fixed", "percent", "kelly"])
    #expect(parameters[4].defaultValue == .choice("percent"))
  }

  @Test func indicator() throws {
    let manifest = try #require(Fixtures.good("indicator.yaml"))
    #expect(manifest.kind == .indicator)
    #expect(manifest.abi == ABIVersion(major: 1, minor: 1))
    #expect(manifest.libraryPath == "/opt/tradehost/plugins/libbollinger.so")
    #expect(manifest.outputs == ["upper", "middle", "lower"])
    #expect(manifest.indicatorInput == .value)
    #expect(manifest.parameters.map(\.defaultValue) == [.int(20), .float(2.0)])
    #expect(manifest.parameters[0].max == nil)
    #expect(manifest.sha256 == nil && manifest.toolchain == nil && manifest.stateVersion == nil)
  }

  @Test func model() throws {
    let manifest = try #require(Fixtures.good("model.yaml"))
    #expect(manifest.kind == .model)
    #expect(manifest.id == "gbm.direction")
    #expect(manifest.entry == "gbm_plugin_entry")
    #expect(manifest.libraryPath == Fixtures.root + "/good/models/libgbm.so")
    #expect(manifest.modelOutput == .probability)
    #expect(manifest.features == 12)
    #expect(
      manifest.outputs.isEmpty && manifest.indicatorInput == nil && manifest.parameters.isEmpty)
  }

  @Test func exchange() throws {
    let manifest = try #require(Fixtures.good("exchange.yaml"))
    #expect(manifest.kind == .exchange)
    #expect(manifest.venue == "SIM")
    #expect(manifest.libraryPath == Fixtures.root + "/good/libsim.so")
    #expect(manifest.modelOutput == nil && manifest.features == nil)
  }

  @Test func indicatorInputDefaultsToBar() throws {
    let text = strategyText("outputs: [value]\n").replacingOccurrences(
      of: "kind: strategy", with: "kind: indicator")
    let manifest = try ManifestParser.parse(text, file: "/m/ind.yaml").get()
    #expect(manifest.indicatorInput == .bar)
    #expect(manifest.libraryPath == "/m/libsample.so")
  }

  @Test func abiIsReadAsTextNotAsFloat() throws {
    let manifest = try ManifestParser.parse(
      strategyText().replacingOccurrences(of: "abi: 1.0", with: "abi: 1.10"),
      file: "/m/x.yaml"
    ).get()
    #expect(manifest.abi == ABIVersion(major: 1, minor: 10))
  }

  @Test func relativeManifestPathResolvesAgainstCurrentDirectory() throws {
    let manifest = try ManifestParser.parse(strategyText(), file: "plugins/x.yaml").get()
    #expect(manifest.file == "plugins/x.yaml")
    #expect(manifest.libraryPath.hasPrefix("/"))
    #expect(manifest.libraryPath.hasSuffix("/plugins/libsample.so"))
  }

  @Test func byteOrderMarkIsIgnored() throws {
    let manifest = try ManifestParser.parse("\u{FEFF}" + strategyText(), file: "/m/x.yaml").get()
    #expect(manifest.id == "sample")
  }

  @Test func quotedStringsAndAnchorsInValuesAreAccepted() throws {
    let text = """
      id: "quoted"
      kind: 'strategy'
      version: "1.0.0"
      abi: "1.0"
      library: "lib dir/libq.so"
      description: &text Uses *emphasis* and an anchor.
      parameters:
        shared: &spec {type: int, default: 1}
        copy: *spec
      """
    let manifest = try ManifestParser.parse(text, file: "/m/q.yaml").get()
    #expect(manifest.libraryPath == "/m/lib dir/libq.so")
    #expect(manifest.description == "Uses *emphasis* and an anchor.")
    #expect(manifest.parameters.map(\.name) == ["shared", "copy"])
    #expect(manifest.parameters[1].line == 9)
  }
}
