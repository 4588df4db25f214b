import Backtest
import Foundation
import HostTestKit
import PluginManifest
import Testing

@testable import Selector

struct ChampionConfigTests {
  /// The champion's run config keeps the search config's other sections (execution, risk,
  /// instruments), runs the champion in one slot named like the config's first, and resolves
  /// every path, so it reads back from another folder to the same plan.
  @Test func championConfigKeepsTheRulesAndReadsBackFromAnotherFolder() throws {
    let source = RepositoryPaths.fixtures + "/runs/spy-daily-two-slots.yaml"
    let plan = try BacktestPlan.load(path: source)
    let yaml = try ChampionConfig.yaml(
      plan: plan, configPath: source, strategy: "ema-cross",
      parameters: [
        (name: "fast_period", value: .int(12)), (name: "slow_period", value: .int(80)),
        (name: "trade_size", value: .float(100)),
      ],
      comment: "test")
    let folder = try TemporaryDirectory()
    let path = folder.file("champion.yaml")
    try yaml.write(toFile: path, atomically: true, encoding: .utf8)
    let read = try BacktestPlan.load(path: path)
    #expect(read.slots.count == 1)
    #expect(read.slots[0].name == "fast")
    #expect(read.slots[0].capital == nil)  // the search ran it with the whole cash
    #expect(read.slots[0].strategy == "ema-cross")
    #expect(read.slots[0].parameters.map { "\($0.0)=\($0.1)" } == [
      "fast_period=12", "slow_period=80", "trade_size=100.0",
    ])
    #expect(read.execution == plan.execution)
    #expect(read.instruments == plan.instruments)
    #expect(read.cash == plan.cash && read.currency == plan.currency)
    #expect(read.sources.map(\.path) == plan.sources.map { ChampionConfig.absolute($0.path, against: "") })
    #expect(read.sources.allSatisfy { FileManager.default.fileExists(atPath: $0.path) })
    #expect(read.manifests?.allSatisfy { $0.hasPrefix("/") } == true)
    #expect(yaml.hasPrefix("# test\n"))
  }
}
