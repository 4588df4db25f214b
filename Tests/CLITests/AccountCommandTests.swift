import Foundation
import HostTestKit
import Testing

/// Issue 12, item 5: the account type is the kernel's, whatever the risk preset.
@Suite("tradehost backtest --account")
struct AccountCommandTests {
  /// Every run is bounded: `timeout` ends a hung child (exit 124), failing the test.
  static let bounded = ["/usr/bin/timeout", "300"]

  func backtest(_ extra: [String], tradeSize: String) throws -> (CLI.Output, [String: Any]) {
    let output = try CLI.run(
      [
        "backtest", "--data", BacktestCommandTests.spy, "--instrument", "SPY.ARCA", "--strategy",
        "ema-cross", "--param", "trade_size=\(tradeSize)", "--risk-preset", "unlimited", "--json",
        "--no-cache",
      ] + extra, launcher: Self.bounded)
    let object = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8))
    return (output, try #require(object as? [String: Any], "\(output.stderr.prefix(2_000))"))
  }

  @Test("--risk-preset unlimited with orders that would lever 10x: margin:2 denies them (19); margin:none lets them through")
  func marginUnderUnlimited() throws {
    // 60,000 SPY shares at about $168: about $10 M on $1 M of equity.
    let (output, report) = try backtest(["--account", "margin:2"], tradeSize: "60000")
    #expect(output.status == 0, "\(output.stderr.prefix(2_000))")
    #expect(report["account"] as? String == "margin:2")
    let reasons = try #require(report["denials_by_reason"] as? [String: Int])
    let leverage = reasons.first { $0.key.hasPrefix("19 margin account") }?.value ?? 0
    #expect(leverage > 100, "\(reasons)")
    #expect(report["fills"] as? Int == 0)
    let (_, unchecked) = try backtest(["--account", "margin:none"], tradeSize: "60000")
    #expect((unchecked["fills"] as? Int ?? 0) > 100)
  }

  @Test("--account cash: the stop-and-reverse strategy cannot go short (18); the parity run's default account changes nothing")
  func cashCannotShort() throws {
    let (output, report) = try backtest(["--account", "cash"], tradeSize: "1")
    #expect(output.status == 0, "\(output.stderr.prefix(2_000))")
    #expect(report["account"] as? String == "cash")
    let reasons = try #require(report["denials_by_reason"] as? [String: Int])
    #expect((reasons.first { $0.key.hasPrefix("18 cash account") }?.value ?? 0) > 100, "\(reasons)")
    let (_, standard) = try backtest([], tradeSize: "1")
    #expect(standard["account"] as? String == "margin:1")
    #expect(standard["denials"] as? Int == 0)
  }

  @Test("a bad --account is one clear error")
  func badFlag() throws {
    let output = try CLI.run(
      [
        "backtest", "--data", BacktestCommandTests.spy, "--strategy", "ema-cross", "--account",
        "margin:lots",
      ], launcher: Self.bounded)
    #expect(output.status != 0)
    #expect(output.stderr.contains("bad leverage 'lots'"), "\(output.stderr)")
  }
}
