import Foundation
import HostTestKit
import Testing

@Suite("tradehost backtest --fill realistic")
struct RealisticFillCommandTests {
  @Test("the realistic preset changes the EMA-cross numbers, counts fills by reason and lists them in --fills-csv")
  func realistic() throws {
    let fills = NSTemporaryDirectory() + "fills-\(getpid()).csv"
    defer { try? FileManager.default.removeItem(atPath: fills) }
    let output = try CLI.run([
      "backtest", "--data", BacktestCommandTests.spy, "--instrument", "SPY.ARCA", "--strategy",
      "ema-cross", "--param", "fast_period=10", "--param", "slow_period=20", "--param",
      "trade_size=500", "--fill", "realistic", "--fills-csv", fills, "--no-cache", "--json",
      "--risk-preset", "unlimited",
    ])
    #expect(output.status == 0, "\(output.stderr)")
    let object = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8))
    let report = try #require(object as? [String: Any])
    let execution = try #require(report["execution"] as? [String: Any])
    let reasons = try #require(execution["fills_by_reason"] as? [String: Int])
    #expect(execution["fill"] as? String == "next-open")
    #expect(execution["queue_position"] as? Bool == true)
    #expect((reasons["volume_cap"] ?? 0) > 0 && (reasons["cross"] ?? 0) > 0)
    let total = reasons.values.reduce(0, +)
    #expect(report["fills"] as? Int == total)
    #expect(report["final_equity"] as? Double != 999907.25)
    let lines = try String(contentsOfFile: fills, encoding: .utf8).split(separator: "\n")
    #expect(
      lines.first
        == "ts_utc,slot,instrument,side,quantity,price,fee,liquidity,reason,client_order_id,trade_id")
    #expect(lines.count == total + 1)
    #expect(lines.dropFirst().allSatisfy { $0.contains(",SPY.ARCA,") })
    #expect(lines.contains { $0.split(separator: ",")[8] == "volume_cap" })
  }

}
