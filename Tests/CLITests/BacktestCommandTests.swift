import Foundation
import HostTestKit
import Testing

@Suite("tradehost backtest")
struct BacktestCommandTests {
  static let spy = RepositoryPaths.sharedData + "/bars/spy_1s_trade_bars_20131007_20131011.csv"

  func json(_ output: CLI.Output) throws -> [String: Any] {
    let object = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8))
    return try #require(object as? [String: Any])
  }

  @Test("ema-peg works one limit order and moves it by amends: the report counts them")
  func amendsAreReported() throws {
    let hourly = RepositoryPaths.sharedData + "/bars/spy_1h_trade_bars_19980102_20210331.csv"
    let arguments = [
      "backtest", "--data", hourly, "--instrument", "SPY.ARCA", "--strategy", "ema-peg",
      "--param", "offset_ticks=20", "--param", "trade_size=10", "--risk-preset", "unlimited",
      "--no-cache",
    ]
    let output = try CLI.run(arguments + ["--json"])
    #expect(output.status == 0, "\(output.stderr)")
    let report = try json(output)
    let amends = try #require(report["amends"] as? [String: Int])
    let requested = try #require(amends["requested"])
    #expect(requested > 0, "\(amends)")
    #expect(amends["confirmed"] == requested)
    #expect(amends["refused"] == 0)
    // One order per position change, moved along instead of replaced: every fill is of one.
    let orders = try #require(report["orders"] as? Int)
    let fills = try #require(report["fills"] as? Int)
    #expect(orders > 0 && fills > 0 && fills <= orders, "\(orders) orders, \(fills) fills")
    let text = try CLI.run(arguments)
    #expect(text.stdout.contains("amends            \(requested) asked, \(requested) confirmed, 0 refused"))
  }

  @Test("--json gives the peers' numbers and every field the issue lists; the bytes repeat")
  func jsonReport() throws {
    let arguments = [
      "backtest", "--data", Self.spy, "--instrument", "SPY.ARCA", "--strategy", "ema-cross",
      "--param", "fast_period=10", "--param", "slow_period=20", "--cash", "1000000", "--fill",
      "close", "--fees", "0", "--no-cache", "--json", "--risk-preset", "unlimited",
    ]
    let first = try CLI.run(arguments)
    #expect(first.status == 0, "\(first.stderr)")
    let report = try json(first)
    for key in [
      "bars", "orders", "fills", "round_trips", "final_equity", "total_return", "sharpe", "sortino",
      "max_drawdown", "win_rate", "profit_factor", "exposure", "elapsed_s", "bars_per_second",
    ] {
      #expect(report[key] != nil, "missing \(key)")
    }
    #expect(report["orders"] as? Int == 9_827)
    #expect(report["round_trips"] as? Int == 4_913)
    #expect(first.stdout.contains("\"final_equity\":999907.25,"))
    let second = try CLI.run(arguments)
    func withoutTiming(_ text: String) -> String {
      text.replacingOccurrences(
        of: #""(elapsed_s|bars_per_second)":[0-9.e+-]+"#, with: "", options: .regularExpression)
    }
    #expect(withoutTiming(first.stdout) == withoutTiming(second.stdout))
  }

  @Test("the summary and the equity curve CSV")
  func summaryAndCurve() throws {
    let curve = NSTemporaryDirectory() + "equity-\(getpid()).csv"
    defer { try? FileManager.default.removeItem(atPath: curve) }
    let output = try CLI.run([
      "backtest", "--config", RepositoryPaths.fixtures + "/runs/spy-daily-two-slots.yaml",
      "--equity-csv", curve, "--no-cache",
    ])
    #expect(output.status == 0, "\(output.stderr)")
    #expect(output.stdout.contains("final equity      1025712.66 USD"))
    #expect(output.stdout.contains("slot fast"))
    let lines = try String(contentsOfFile: curve, encoding: .utf8).split(separator: "\n")
    #expect(lines.first == "ts_utc,equity")
    #expect(lines.count == 5_849 + 1)
    #expect(lines.last?.hasSuffix(",1025712.66") == true)
  }

  @Test("bad inputs: one clear error naming what and where, exit 2")
  func badInputs() throws {
    let folder = NSTemporaryDirectory() + "bt-bad-\(getpid())"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let broken = folder + "/broken.csv"
    try
      "ts_utc,open,high,low,close,volume\n2013-10-07T08:00:00Z,1.0,1.1,0.9,1.0,5\n2013-10-07T08:00:01Z,1.0,x,0.9,1.0,5\n"
      .write(toFile: broken, atomically: true, encoding: .utf8)
    let csv = try CLI.run(["backtest", "--data", broken, "--strategy", "ema-cross", "--no-cache"])
    #expect(csv.status == 2)
    #expect(csv.stderr.contains("broken.csv:3:3"), "\(csv.stderr)")

    let unknown = try CLI.run([
      "backtest", "--data", Self.spy, "--strategy", "no-such", "--no-cache",
    ])
    #expect(unknown.status == 2)
    #expect(unknown.stderr.contains("no-such"), "\(unknown.stderr)")

    let param = try CLI.run([
      "backtest", "--data", Self.spy, "--strategy", "ema-cross", "--param", "fast_period=abc",
      "--no-cache",
    ])
    #expect(param.status == 2)
    #expect(param.stderr.contains("fast_period"), "\(param.stderr)")

    let config = folder + "/run.yaml"
    try
      "data:\n  - path: x.csv\n    instrument: SPY\n    colour: red\nslots:\n  - strategy: ema-cross\nexecution:\n  fill: tomorrow\n"
      .write(toFile: config, atomically: true, encoding: .utf8)
    let yaml = try CLI.run(["backtest", "--config", config])
    #expect(yaml.status == 2)
    #expect(
      yaml.stderr.contains("run.yaml:4:5: a data entry: unknown key 'colour'"), "\(yaml.stderr)")
    #expect(
      yaml.stderr.contains("run.yaml:8:9: execution.fill must be close, next-open or realistic"),
      "\(yaml.stderr)")

    for command in [
      ["backtest", "--data", Self.spy, "--strategy", "ema-cross"], ["run", "--bars", "1"],
    ] {
      let pair = try CLI.run(command + ["--param", "fast_period"])
      #expect(pair.status == 2)
      #expect(pair.stderr.contains("--param 'fast_period' is not NAME=VALUE"), "\(pair.stderr)")
    }

    let fill = try CLI.run([
      "backtest", "--data", Self.spy, "--strategy", "ema-cross", "--fill", "later",
    ])
    #expect(fill.status == 2)
    #expect(fill.stderr.contains("--fill must be close, next-open or realistic"))
  }
}
