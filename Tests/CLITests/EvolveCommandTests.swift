import Foundation
import HostTestKit
import Testing

@Suite("tradehost evolve", .serialized)
struct EvolveCommandTests {
  static func arguments(_ data: String, jobs: Int, extra: [String] = []) -> [String] {
    [
      "evolve", "--data", data, "--instrument", "SYN.SIM", "--strategy", "ema-cross",
      "--range", "fast_period=2:30", "--range", "slow_period=10:120", "--param", "trade_size=100",
      "--population", "8", "--generations", "2", "--folds", "3", "--embargo", "20", "--seed", "3",
      "--jobs", String(jobs), "--json", "--no-cache",
    ] + extra
  }

  static func object(_ text: String) throws -> [String: Any] {
    try #require(
      JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "\(text)")
  }

  /// `--json` names the champion and its figures; one job and two give the same bytes; `--out`
  /// keeps the run, and the champion's run config runs in `backtest --config` and `run --config`.
  @Test func championJSONSameForAnyJobsAndItsRunConfigRuns() throws {
    let folder = try TemporaryDirectory()
    let data = folder.file("trend.csv")
    try SyntheticBarFile.write(
      .trending(drift: 0.0004, volatility: 0.001, regime: 300), bars: 6_000, seed: 21, to: data)
    let one = try CLI.run(Self.arguments(data, jobs: 1, extra: ["--out", folder.file("run")]))
    #expect(one.status == 0, "\(one.stderr)")
    let two = try CLI.run(Self.arguments(data, jobs: 2))
    #expect(two.status == 0, "\(two.stderr)")
    #expect(one.stdout == two.stdout)
    let report = try Self.object(one.stdout)
    for key in [
      "champion", "in_sample", "out_of_sample", "deflated_sharpe", "passed", "evaluations",
      "generations",
    ] {
      #expect(report[key] != nil, "no \(key) in \(one.stdout)")
    }
    #expect(report["passed"] as? Bool == true, "\(one.stdout)")
    let champion = try #require(report["champion"] as? [String: Any])
    #expect(champion["strategy"] as? String == "ema-cross")
    #expect((report["generations"] as? [Any])?.count == 2)
    let outOfSample = try #require(report["out_of_sample"] as? [String: Any])
    #expect((outOfSample["folds"] as? [Any])?.count == 3)

    let kept = try String(contentsOfFile: folder.file("run/generations.jsonl"), encoding: .utf8)
    #expect(kept.split(separator: "\n").count == 2)
    #expect(kept.contains("\"out_of_sample\":[{"))
    #expect(
      try String(contentsOfFile: folder.file("run/report.json"), encoding: .utf8)
        == one.stdout)
    let config = folder.file("run/champion.yaml")
    let yaml = try String(contentsOfFile: config, encoding: .utf8)
    #expect(yaml.contains("strategy: ema-cross"), "\(yaml)")
    let backtest = try CLI.run(["backtest", "--config", config, "--json", "--no-cache"])
    #expect(backtest.status == 0, "\(backtest.stderr)")
    let run = try CLI.run([
      "run", "--config", config, "--interval-ms", "0", "--bars", "300", "--report-every", "0",
      "--seed", "7", "--socket", folder.file("control.sock"), "--state-dir", folder.path,
      "--no-watch",
    ])
    #expect(run.status == 0, "\(run.stderr)")
  }

  /// An interrupted run (its last line cut short) resumes with `--resume` and ends with the
  /// report the uninterrupted run gave; other flags than the kept ones are refused.
  @Test func resumeAfterAnInterruption() throws {
    let folder = try TemporaryDirectory()
    let data = folder.file("trend.csv")
    try SyntheticBarFile.write(
      .trending(drift: 0.0004, volatility: 0.001, regime: 300), bars: 4_000, seed: 5, to: data)
    let whole = try CLI.run(Self.arguments(data, jobs: 2, extra: ["--out", folder.file("run")]))
    #expect(whole.status == 0, "\(whole.stderr)")
    let lines = folder.file("run/generations.jsonl")
    let kept = try String(contentsOfFile: lines, encoding: .utf8).split(separator: "\n")
    try (kept[0] + "\n" + kept[1].prefix(40)).write(
      toFile: lines, atomically: true, encoding: .utf8)
    let resumed = try CLI.run(
      Self.arguments(data, jobs: 1, extra: ["--resume", folder.file("run")]))
    #expect(resumed.status == 0, "\(resumed.stderr)")
    #expect(resumed.stderr.contains("cut short"), "\(resumed.stderr)")
    #expect(resumed.stdout == whole.stdout)
    let again = try CLI.run(
      Self.arguments(data, jobs: 1, extra: ["--resume", folder.file("run"), "--seed", "4"]))
    #expect(again.status == 2)
    #expect(again.stderr.contains("seed"), "\(again.stderr)")
    let reused = try CLI.run(Self.arguments(data, jobs: 1, extra: ["--out", folder.file("run")]))
    #expect(reused.status == 2)
    #expect(reused.stderr.contains("already holds a run"), "\(reused.stderr)")
  }

  /// A run config's execution and risk sections apply to every evaluation: fees lower the
  /// out-of-sample figures of the same genomes.
  @Test func theConfigsRulesApply() throws {
    let folder = try TemporaryDirectory()
    let data = folder.file("trend.csv")
    try SyntheticBarFile.write(
      .trending(drift: 0.0004, volatility: 0.001, regime: 300), bars: 3_000, seed: 8, to: data)
    func outOfSample(_ execution: String, slot: String = "") throws -> [String: Any] {
      let config = folder.file("run.yaml")
      try ("slots:\n  - name: main\n    strategy: ema-cross\n" + slot + "risk: {preset: unlimited}\n"
        + execution)
        .write(toFile: config, atomically: true, encoding: .utf8)
      let output = try CLI.run(
        Self.arguments(data, jobs: 2, extra: ["--config", config, "--generations", "1"]))
      #expect(output.status == 0, "\(output.stderr)")
      return try #require(Self.object(output.stdout)["out_of_sample"] as? [String: Any])
    }
    let free = try outOfSample("")
    let charged = try outOfSample("execution:\n  fees: {taker: 50}\n")
    let freeReturn = try #require(free["return"] as? Double)
    let chargedReturn = try #require(charged["return"] as? Double)
    #expect(chargedReturn < freeReturn, "\(free) \(charged)")
    // The config slot's resampled bars reach every genome of its strategy (ema-cross then
    // mixes the series and trades otherwise).
    let resampled = try outOfSample("", slot: "    bars: [5m]\n")
    #expect(resampled["fills"] as? Int != free["fills"] as? Int, "\(free) \(resampled)")
  }

  @Test func badFlagsAreOneClearErrorEach() throws {
    let folder = try TemporaryDirectory()
    let data = folder.file("noise.csv")
    try SyntheticBarFile.write(.randomWalk(volatility: 0.001), bars: 600, seed: 1, to: data)
    let output = try CLI.run(
      Self.arguments(data, jobs: 1, extra: ["--range", "slowest=1:2", "--param", "fast_period=0"]))
    #expect(output.status == 2)
    #expect(
      output.stderr.contains("no strategy of the run has a parameter slowest"), "\(output.stderr)")
    #expect(output.stderr.contains("fast_period = 0 is below min 1"), "\(output.stderr)")
  }
}
